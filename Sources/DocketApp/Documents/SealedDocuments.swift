import DocketDocuments
import Fluent
import Foundation
import SQLKit
import Vapor

/// Every document the court has sealed: its SHA-256, the signature, what it is and where the file
/// is kept (content-addressed under the data folder). Verification looks documents up here.
final class SealedDocumentRecord: Model, @unchecked Sendable {
    static let schema = "sealed_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "sha256") var sha256: String
    @Field(key: "signature") var signature: String
    @Field(key: "title") var title: String
    /// What the document belongs to, e.g. a court file number.
    @Field(key: "reference") var reference: String
    @Field(key: "path") var path: String
    @Field(key: "sealed_at") var sealedAt: Date
    /// `court` for what the court issues (sealed with the court's key), `agreement` for what the
    /// parties signed on Docket (sealed with Docket's own key as a record, never as a court document).
    @Field(key: "kind") var kind: String
    /// For an agreement: who signed it, as they typed their names.
    @Field(key: "signed_by") var signedBy: String

    init() {}
}

/// What a sealed document is, and so which key sealed it.
enum SealKind: String, Sendable {
    case court, agreement
}

enum SealedDocuments {
    /// The seal's private key: `DOCKET_SEAL_KEY` (base64 of 32 bytes) if set, else `seal.key` in
    /// the data folder, made on first start.
    static func loadSeal(settings: Settings, variable: String = "DOCKET_SEAL_KEY", file: String = "seal.key") throws -> CourtSeal {
        if let configured = ProcessInfo.processInfo.environment[variable], !configured.isEmpty {
            guard let raw = Data(base64Encoded: configured), let seal = try? CourtSeal(rawKey: raw) else {
                throw UsageError("\(variable): give the base64 of a 32-byte Ed25519 private key")
            }
            return seal
        }
        return try CourtSeal(rawKey: Data(DataFolder.secret(in: settings.dataDirectory, name: file)))
    }

    /// A signed document whose file is kept, ready to be entered in the register.
    struct Prepared: Sendable {
        let sha256: String
        let signature: String
        let path: String
        var kind: SealKind = .court
    }

    /// Signs `pdf` and keeps its file: the slow part of sealing, done outside any transaction. A
    /// file kept for a transaction that then fails is harmless (files are named by their hash).
    static func prepare(_ pdf: Data, kind: SealKind = .court, app: Application) throws -> Prepared {
        let signature = try (kind == .court ? app.docket.seal : app.docket.platformSeal).seal(pdf)
        let relative = "documents/\(signature.sha256).pdf"
        try app.docket.files.keep(pdf, at: relative)
        return Prepared(sha256: signature.sha256, signature: signature.signature, path: relative, kind: kind)
    }

    /// Seals `pdf`, keeps the file and records it, on `db` (the caller's transaction).
    static func seal(_ pdf: Data, title: String, reference: String, app: Application, at now: Date,
                     on db: any Database) async throws -> SealedDocumentRecord {
        try await record(prepare(pdf, app: app), title: title, reference: reference, at: now, on: db)
    }

    /// Enters a prepared document in the register (once), on `db`: one statement, unless the same
    /// document was entered before (then that entry is returned).
    static func record(_ signature: Prepared, title: String, reference: String, signedBy: String = "", at now: Date,
                       on db: any Database) async throws -> SealedDocumentRecord {
        let record = SealedDocumentRecord()
        record.id = UUID()
        record.sha256 = signature.sha256
        record.signature = signature.signature
        record.title = title
        record.reference = reference
        record.path = signature.path
        record.sealedAt = now
        record.kind = signature.kind.rawValue
        record.signedBy = signedBy
        let inserted = try await db.sql.insert(into: SealedDocumentRecord.schema)
            .columns("id", "sha256", "signature", "title", "reference", "path", "sealed_at", "kind", "signed_by")
            .values([SQLBind(record.id!), SQLBind(record.sha256), SQLBind(record.signature), SQLBind(title), SQLBind(reference),
                     SQLBind(record.path), SQLBind(now), SQLBind(record.kind), SQLBind(signedBy)])
            .ignoringConflicts(with: ["sha256"]).returning("id").all()
        if inserted.isEmpty, let existing = try await SealedDocumentRecord.query(on: db).filter(\.$sha256 == signature.sha256).first() {
            return existing
        }
        record.$id.exists = true
        return record
    }

    /// The kept file of the document sealed with this SHA-256, if there is one.
    static func file(sha256: String, app: Application, on db: any Database) async throws -> Data? {
        guard let record = try await SealedDocumentRecord.query(on: db).filter(\.$sha256 == sha256).first() else { return nil }
        return app.docket.files.get(record.path)
    }

    enum Outcome: Equatable {
        /// Issued by the court under its seal.
        case issued(title: String, reference: String, sealedAt: Date)
        /// An agreement the parties signed on Docket, sealed by Docket as its record.
        case agreement(reference: String, signedBy: String, sealedAt: Date)
        case notIssued
    }

    /// Whether a document with this SHA-256 (lower-case hex) was sealed here and its signature holds.
    static func verify(sha256: String, document: Data?, app: Application, on db: any Database) async throws -> Outcome {
        let hash = sha256.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit),
              let record = try await SealedDocumentRecord.query(on: db).filter(\.$sha256 == hash).first() else { return .notIssued }
        let signature = CourtSeal.Signature(sha256: record.sha256, signature: record.signature)
        let bytes: Data
        if let document {
            bytes = document
        } else {
            guard let kept = app.docket.files.get(record.path) else { return .notIssued }
            bytes = kept
        }
        if record.kind == SealKind.agreement.rawValue {
            guard CourtSeal.verify(bytes, signature, publicKey: app.docket.platformSeal.publicKey) else { return .notIssued }
            return .agreement(reference: record.reference, signedBy: record.signedBy, sealedAt: record.sealedAt)
        }
        guard CourtSeal.verify(bytes, signature, publicKey: app.docket.seal.publicKey) else { return .notIssued }
        return .issued(title: record.title, reference: record.reference, sealedAt: record.sealedAt)
    }
}
