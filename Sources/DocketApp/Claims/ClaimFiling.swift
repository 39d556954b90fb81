import DocketCore
import DocketDocuments
import Fluent
import Foundation
import SQLKit
import Vapor

/// Submission and issuance of claims. Submission runs in one transaction: the claim's row, its
/// docket entries and, when it issues, its file number commit together or not at all. Laying out
/// and sealing the issued claim is slow work, so it runs after that commit, never while the
/// write lock is held, and its result (the register entry and the email) commits in a second,
/// short transaction. If the process stops between the two, `completePendingIssues` finishes the
/// job: the document depends only on what the first transaction recorded.
enum ClaimFiling {
    enum Refusal: Error, Equatable {
        /// The claim is no longer a draft (it was submitted already).
        case notADraft
        case incomplete
        case ineligible
        case feeUnknown
        case waiverNotGranted
    }

    /// Submits the draft `claimID` of `account`: takes the fee, records the submission on the
    /// docket, then issues the claim or sends it to a clerk.
    static func submit(claimID: UUID, account: AccountRecord, app: Application, logger: Logger) async throws -> ClaimRecord {
        let claim = try await record(claimID: claimID, account: account, app: app, logger: logger)
        if claim.status == ClaimRecord.Status.issued.rawValue { try await completeIssue(claim, app: app) }
        return claim
    }

    /// The submission's transaction.
    private static func record(claimID: UUID, account: AccountRecord, app: Application, logger: Logger) async throws -> ClaimRecord {
        let now = app.docket.clock.now()
        let rules = app.docket.rules
        let filingDay = rules.periods.issueDate(submitted: now)
        return try await app.db.transaction { db in
            // The first statement writes, so on SQLite this transaction holds the write lock from here on.
            try await claimDraft(claimID, moveTo: "submitting", on: db)
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                // One filer's submissions go one at a time, so the frequent-claimant count is exact.
                try await sql.raw("SELECT id FROM \(ident: AccountRecord.schema) WHERE id = \(bind: account.id!) FOR UPDATE").run()
            }
            guard let claim = try await ClaimRecord.find(claimID, on: db) else { throw Refusal.notADraft }
            let draft = claim.draft
            guard draft.missing.isEmpty, draft.answersChecked, draft.status(of: .fee) == .completed else { throw Refusal.incomplete }
            guard rules.eligibility(of: draft.facts, filing: filingDay).canFile, let office = draft.officeCode else { throw Refusal.ineligible }

            let prior = try await ClaimFee.priorClaims(claim, office: office, year: filingDay.year, on: db)
            guard let quote = rules.fee(.claim, priorClaims: prior, on: filingDay) else { throw Refusal.feeUnknown }
            var events: [DocketEvent] = [.claimSubmitted(defendants: draft.defendants.map(\.name), liquidated: draft.liquidated)]
            switch draft.feeChoice {
            case .waiver?:
                guard var answers = draft.waiverAnswers else { throw Refusal.waiverNotGranted }
                answers.actingForBusiness = draft.plaintiffs.contains { $0.kind == .business }
                guard case let .eligible(ground) = rules.feeWaiver(answers, on: filingDay)
                else { throw Refusal.waiverNotGranted }
                events.append(.feeWaiverRequested(ground: ground))
                claim.feeCents = 0
            default:
                let reference = try await app.docket.payments.charge(quote.amount, description: "Plaintiff's Claim, \(office)", at: now)
                events.append(.feePaid(amount: quote.amount, reference: reference))
                claim.feeCents = quote.amount.cents
                claim.paymentReference = reference
            }
            let reasons = draft.reviewReasons
            if !reasons.isEmpty { events.append(.claimReferred(reasons: reasons)) }

            let filer = try await AccountRecord.find(claim.accountID, on: db)
            claim.contactID = filer?.$contact.id
            claim.officeCode = office
            claim.filedYear = filingDay.year
            claim.submittedAt = now
            claim.updatedAt = now
            claim.status = ClaimRecord.Status.referred.rawValue
            try await claim.save(on: db)
            try await CaseDocket.append(events, by: .plaintiff, actor: account.id, to: claimID, at: now, on: db)
            if reasons.isEmpty {
                try await issue(claim, by: .plaintiff, actor: account.id, app: app, at: now, on: db)
            }
            logger.info("claim submitted", metadata: ["claim": "\(claimID)", "status": "\(claim.status)"])
            return claim
        }
    }

    /// Gives `claim` its file number and issue date and records the issue on its docket. Called
    /// inside the transaction of a submission or a clerk's decision; `completeIssue` follows the commit.
    static func issue(_ claim: ClaimRecord, by role: CaseRole, actor: UUID?, app: Application, at now: Date,
                      on db: any Database) async throws {
        guard let officeCode = claim.officeCode,
              let office = try await CourtOfficeRecord.query(on: db).filter(\.$code == officeCode).first() else {
            throw Abort(.conflict, reason: "The claim's court office no longer exists.")
        }
        let issuedOn = app.docket.rules.periods.issueDate(submitted: now)
        let number = try await nextFileNumber(office: office, year: issuedOn.year, on: db)
        claim.fileNumber = number
        claim.issuedOn = issuedOn.description
        claim.status = ClaimRecord.Status.issued.rawValue
        claim.updatedAt = now
        try await claim.save(on: db)
        try await CaseDocket.append([.claimIssued(fileNumber: number, on: issuedOn)], by: role, actor: actor,
                                    to: claim.id!, at: now, on: db)
    }

    /// Lays out and seals an issued claim's PDF outside any transaction, then enters it in the
    /// register and queues the email in one short transaction, once: a second call finds the
    /// document recorded and does nothing.
    static func completeIssue(_ claim: ClaimRecord, app: Application) async throws {
        guard claim.documentSHA256 == nil, let number = claim.fileNumber, let issuedOn = claim.issuedOn.flatMap(CivilDate.init),
              let officeCode = claim.officeCode,
              let office = try await CourtOfficeRecord.query(on: app.db).filter(\.$code == officeCode).first() else { return }
        let (pdf, title) = document(claim, office: office, number: number, issuedOn: issuedOn, app: app)
        let prepared = try SealedDocuments.prepare(pdf, app: app)
        let now = app.docket.clock.now()
        try await app.db.transaction { db in
            try await ClaimRecord.query(on: db).filter(\.$id == claim.id!).filter(\.$documentSHA256 == nil)
                .set(\.$documentSHA256, to: prepared.sha256).update()
            guard let fresh = try await ClaimRecord.find(claim.id!, on: db), fresh.documentSHA256 == prepared.sha256 else { return }
            let sealed = try await SealedDocuments.record(prepared, title: title, reference: number, at: now, on: db)
            try await ClaimMail.issued(fresh, office: office.name(Language(rawValue: claim.language) ?? .en), pdfPath: sealed.path, app: app, at: now, on: db)
        }
        claim.documentSHA256 = prepared.sha256
    }

    /// Finishes issued claims whose document was not sealed (the process stopped between the two
    /// transactions). Run by the background sweep.
    static func completePendingIssues(app: Application) async throws {
        let pending = try await ClaimRecord.query(on: app.db)
            .filter(\.$status == ClaimRecord.Status.issued.rawValue).filter(\.$documentSHA256 == nil).limit(100).all()
        for claim in pending { try await completeIssue(claim, app: app) }
    }

    /// The issued claim's court document and its title, in the claim's language.
    static func document(_ claim: ClaimRecord, office: CourtOfficeRecord, number: String, issuedOn: CivilDate,
                         app: Application) -> (Data, String) {
        let language = Language(rawValue: claim.language) ?? .en
        let seal = SealBlock(courtName: office.name(language), officeAddress: office.office.fullAddress,
                             fileNumber: number, issuedOn: issuedOn, verifyURL: app.docket.settings.baseURL + "/verify")
        let text = formText(app, language)
        let pdf: Data
        let title: String
        switch ClaimRecord.Kind(rawValue: claim.kind) ?? .online {
        case .online:
            pdf = ClaimForms.plaintiffsClaim(claim.draft, seal: seal, text: text)
            title = text.label("pdf.claim.title")
        case .prepared:
            let doc = claim.draft.documents.first
            pdf = ClaimForms.coverPage(documentTitle: doc?.title ?? "", fileName: doc?.fileName ?? "",
                                       uploadSHA256: doc?.sha256 ?? "", parties: partyLines(claim.draft, text),
                                       seal: seal, text: text)
            title = text.label("pdf.cover.title")
        }
        return (pdf, title)
    }

    /// The next court file number at `office` in `year`: `<SHORT CODE>-SC-<YY>-<000001>`, such as
    /// `TOR47-SC-26-000001`. The counter row (kept by the office's full code, so numbers issued
    /// before short codes existed go on in the same sequence) is incremented in the caller's
    /// transaction, so numbers are neither repeated nor skipped.
    static func nextFileNumber(office record: CourtOfficeRecord, year: Int, on db: any Database) async throws -> String {
        let office = record.code
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let table = FileNumberCounterRecord.schema
        let row = try await sql.raw("""
            INSERT INTO \(ident: table) (id, office_code, year, last) VALUES (\(bind: UUID()), \(bind: office), \(bind: year), 1)
            ON CONFLICT (office_code, year) DO UPDATE SET last = \(ident: table).last + 1 RETURNING last
            """).first()
        guard let last = try row?.decode(column: "last", as: Int.self) else { throw Abort(.internalServerError) }
        return String(format: "%@-SC-%02d-%06d", record.shortCode, year % 100, last)
    }

    /// Moves a draft to `status` only if it is still a draft; refuses otherwise.
    static func claimDraft(_ id: UUID, moveTo status: String, on db: any Database) async throws {
        guard try await StatusMove.move(ClaimRecord.schema, id: id, from: ClaimRecord.Status.draft.rawValue, to: status, on: db) else {
            throw Refusal.notADraft
        }
    }

    static func partyLines(_ draft: ClaimDraft, _ text: FormText) -> [String] {
        draft.plaintiffs.map { text.label("pdf.cover.plaintiff") + ": " + $0.fullDescription }
            + draft.defendants.map { text.label("pdf.cover.defendant") + ": " + $0.fullDescription }
    }

    static func formText(_ app: Application, _ language: Language) -> FormText {
        let catalogue = app.docket.catalogue
        return FormText(label: { catalogue.text($0, language) },
                        money: { $0.formatted(french: language == .fr) },
                        date: { DateText.day($0, language) })
    }
}
