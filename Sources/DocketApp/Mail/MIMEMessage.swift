import Foundation

/// Renders a message as RFC 5322 / MIME text: plain text and HTML alternatives, attachments in a
/// mixed part, UTF-8 throughout (base64 bodies, RFC 2047 encoded subjects) so French prints right.
enum MIMEMessage {
    static func render(_ m: MailMessage, date: Date) -> String {
        let boundary = "docket-" + m.id.uuidString.lowercased()
        var lines = [
            "From: \(header(m.from))",
            "To: \(m.to)",
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
                    "Content-Type: \(attachment.contentType); name=\"\(attachment.filename)\"",
                    "Content-Disposition: attachment; filename=\"\(attachment.filename)\"",
                    "Content-Transfer-Encoding: base64",
                    "",
                    base64Lines(data),
                ]
            }
            lines.append("--\(boundary)--")
        }
        return lines.joined(separator: "\r\n")
    }

    /// The bare address of "Name <address>" or of a plain address.
    static func address(_ text: String) -> String {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close])
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func header(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<") else { return text }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? text : "\(encodedWord(name)) <\(address(text))>"
    }

    static func encodedWord(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && $0 != "\r" && $0 != "\n" }) { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
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
