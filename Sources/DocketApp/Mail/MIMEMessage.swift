import Foundation

/// Renders a message as RFC 5322 / MIME text: plain text and HTML alternatives, attachments in a
/// mixed part, UTF-8 throughout (base64 bodies, RFC 2047 encoded subjects) so French prints right.
/// Every header value goes through `encodedWord` or `address`, so no value, whatever its source (a
/// party's name in a subject, say), can end its header line and add another.
enum MIMEMessage {
    static func render(_ m: MailMessage, date: Date) -> String {
        let boundary = "docket-" + m.id.uuidString.lowercased()
        var lines = [
            "From: \(header(m.from))",
            "To: \(address(m.to))",
            "Subject: \(encodedWord(m.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(m.id.uuidString.lowercased())@docket>",
            "MIME-Version: 1.0",
        ]
        let alternative = [
            "Content-Type: multipart/alternative; boundary=\"\(boundary)-alt\"",
            "",
            "--\(boundary)-alt",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            base64Lines(Data(m.text.utf8)),
            "--\(boundary)-alt",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            base64Lines(Data(m.html.utf8)),
            "--\(boundary)-alt--",
        ]
        if m.attachments.isEmpty {
            lines += alternative
        } else {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"]
            lines += alternative
            for (attachment, data) in m.attachments {
                lines += [
                    "--\(boundary)",
                    "Content-Type: \(token(attachment.contentType)); name=\"\(quoted(attachment.filename))\"",
                    "Content-Disposition: attachment; filename=\"\(quoted(attachment.filename))\"",
                    "Content-Transfer-Encoding: base64",
                    "",
                    base64Lines(data),
                ]
            }
            lines.append("--\(boundary)--")
        }
        return lines.joined(separator: "\r\n")
    }

    /// The bare address of "Name <address>" or of a plain address, with anything that is not
    /// printable ASCII, and the characters that delimit an address, removed.
    static func address(_ text: String) -> String {
        var bare = text.trimmingCharacters(in: .whitespaces)
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            bare = String(text[text.index(after: open)..<close])
        }
        return printable(bare, spaces: false, except: "<>,;\"")
    }

    /// `text` keeping only printable ASCII (with or without spaces), less the characters in `except`.
    private static func printable(_ text: String, spaces: Bool, except: String) -> String {
        let lowest: UInt32 = spaces ? 0x20 : 0x21
        return String(String.UnicodeScalarView(text.unicodeScalars.filter {
            (lowest...0x7E).contains($0.value) && !except.unicodeScalars.contains($0)
        }))
    }

    private static func isPrintableASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
    }

    /// A MIME token (a content type): printable ASCII without spaces, quotes or semicolons.
    private static func token(_ text: String) -> String {
        printable(text, spaces: false, except: "\";\\")
    }

    /// A quoted-string parameter value: printable ASCII only, quotes and backslashes dropped.
    private static func quoted(_ text: String) -> String {
        printable(text, spaces: true, except: "\"\\")
    }

    private static func header(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<") else { return address(text) }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? text : "\(encodedWord(name)) <\(address(text))>"
    }

    /// A header value as is when it is printable ASCII, otherwise as RFC 2047 encoded words (each
    /// under 76 characters, split between characters) on folded lines. Judged by Unicode scalars,
    /// not `Character`s: Swift reads "\r\n" as one character, which is not ASCII-checked apart.
    static func encodedWord(_ text: String) -> String {
        if isPrintableASCII(text) { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if chunk.utf8.count + character.utf8.count > 45, !chunk.isEmpty {
                words.append(chunk); chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }
}
