import Crypto
import Foundation

/// The court's seal on issued documents: an Ed25519 signature over the SHA-256 of the document's
/// bytes. Anyone with the court's public key can check that a file is exactly the one issued.
public struct CourtSeal: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    public init() { key = Curve25519.Signing.PrivateKey() }

    /// From the 32 raw bytes of a private key (the `seal.key` file in the data folder).
    public init(rawKey: Data) throws { key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawKey) }

    public var rawKey: Data { key.rawRepresentation }
    public var publicKey: Data { key.publicKey.rawRepresentation }

    public struct Signature: Sendable, Equatable, Codable {
        /// SHA-256 of the document, lower-case hex: what a verification page looks up.
        public let sha256: String
        /// Ed25519 signature over the 32 bytes of the SHA-256, base64.
        public let signature: String

        public init(sha256: String, signature: String) {
            self.sha256 = sha256; self.signature = signature
        }
    }

    public static func digest(_ document: Data) -> String {
        SHA256.hash(data: document).map { String(format: "%02x", $0) }.joined()
    }

    public func seal(_ document: Data) throws -> Signature {
        let digest = Data(SHA256.hash(data: document))
        return Signature(sha256: Self.digest(document), signature: try key.signature(for: digest).base64EncodedString())
    }

    /// True when `document` is exactly the file `signature` was made for, under `publicKey`.
    public static func verify(_ document: Data, _ signature: Signature, publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey),
              let bytes = Data(base64Encoded: signature.signature),
              digest(document) == signature.sha256 else { return false }
        return key.isValidSignature(bytes, for: Data(SHA256.hash(data: document)))
    }
}
