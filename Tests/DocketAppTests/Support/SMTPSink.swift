import Foundation

/// A real SMTP server (aiosmtpd, `Tests/support/smtp_sink.py`) run for a test.
final class SMTPSink: @unchecked Sendable {
    let folder: String
    let port: Int
    private let process: Process
    private let input: Pipe

    /// Whether aiosmtpd can be started here. CI sets DOCKET_REQUIRE_SMTP_TESTS=1 so a missing
    /// server fails the run instead of skipping these tests.
    static let available: Bool = {
        if ProcessInfo.processInfo.environment["DOCKET_REQUIRE_SMTP_TESTS"] == "1" { return true }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import aiosmtpd, cryptography"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    init(folder: String? = nil, port: Int = 0, auth: String? = nil, tls: Bool = false, silent: Bool = false) throws {
        self.folder = folder ?? NSTemporaryDirectory() + "docket-smtp-" + UUID().uuidString
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", packageRoot + "/Tests/support/smtp_sink.py", "--dir", self.folder, "--port", String(port)]
        if let auth { arguments += ["--auth", auth] }
        if tls { arguments.append("--tls") }
        if silent { arguments.append("--silent") }
        process.arguments = arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try FileManager.default.createDirectory(atPath: self.folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: self.folder + "/server.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: self.folder + "/server.log")
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("\n"), Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("READY "), let p = Int(line.dropFirst(6)) else {
            process.terminate()
            throw SinkFailed(output: text)
        }
        self.port = p
    }

    struct SinkFailed: Error { let output: String }

    /// Stops the server. It is told directly: other test processes started meanwhile may hold a
    /// copy of the pipe, so closing it does not always reach the server.
    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The messages received so far, oldest first, as raw text.
    var messages: [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return names.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    deinit { if process.isRunning { stop() } }
}

extension String {
    /// The decoded text of every base64 part of a MIME message.
    /// The Subject header as a reader sees it: folded lines joined and RFC 2047 words decoded.
    var decodedSubject: String {
        let lines = components(separatedBy: "\r\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Subject: ") }) else { return "" }
        var raw = String(lines[start].dropFirst("Subject: ".count))
        for line in lines[(start + 1)...] {
            guard line.hasPrefix(" ") || line.hasPrefix("\t") else { break }
            raw += line
        }
        return raw.components(separatedBy: " ").map { word in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                  let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return word + " " }
            return String(decoding: data, as: UTF8.self)
        }.joined().trimmingCharacters(in: .whitespaces)
    }

    var decodedParts: String {
        var out = ""
        var collecting = false
        var chunk = ""
        for line in components(separatedBy: "\r\n").flatMap({ $0.components(separatedBy: "\n") }) {
            if line.hasPrefix("Content-Transfer-Encoding: base64") { collecting = true; chunk = ""; continue }
            if collecting {
                if line.isEmpty && chunk.isEmpty { continue }
                if line.isEmpty || line.hasPrefix("--") {
                    out += String(decoding: Data(base64Encoded: chunk) ?? Data(), as: UTF8.self) + "\n"
                    collecting = false
                } else {
                    chunk += line
                }
            }
        }
        return out
    }
}
