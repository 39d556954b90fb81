import Crypto
import Foundation

/// Random tokens for cookies and links, and the hashes stored in their place.
enum Tokens {
    /// `byteCount` random bytes (default 32 = 256 bits) as URL-safe base64 without padding.
    static func random(byteCount: Int = 32) -> String {
        // The library's generator (seeded from the system's, in user space): one call, not a system
        // call per eight bytes.
        SymmetricKey(size: SymmetricKeySize(bitCount: byteCount * 8)).withUnsafeBytes { base64URL(Data($0)) }
    }

    static func sha256(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    static func hmac(_ message: String, key: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key))
        return base64URL(Data(mac))
    }

    static func base64URL(_ data: Data) -> String {
        var bytes = Array(data.base64EncodedString().utf8)
        bytes.removeAll { $0 == UInt8(ascii: "=") }
        for i in bytes.indices {
            if bytes[i] == UInt8(ascii: "+") { bytes[i] = UInt8(ascii: "-") } else if bytes[i] == UInt8(ascii: "/") { bytes[i] = UInt8(ascii: "_") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lower-case hexadecimal, two digits a byte.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares in time that does not depend on where the strings differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
