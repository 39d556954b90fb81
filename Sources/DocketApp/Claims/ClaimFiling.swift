import DocketCore
import DocketDocuments
import Fluent
import Foundation
import SQLKit
import Vapor

/// Submission and issuance of claims. Each runs in one transaction: the claim's row, its docket
/// entries, the file number, the sealed document and the email all commit together or not at all.
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

    /// Gives `claim` its file number and issue date, seals its PDF, records it and emails the filer.
    /// Called inside the transaction of a submission or a clerk's decision.
    static func issue(_ claim: ClaimRecord, by role: CaseRole, actor: UUID?, app: Application, at now: Date,
                      on db: any Database) async throws {
        let rules = app.docket.rules
        guard let officeCode = claim.officeCode,
              let office = try await CourtOfficeRecord.query(on: db).filter(\.$code == officeCode).first() else {
            throw Abort(.conflict, reason: "The claim's court office no longer exists.")
        }
        let issuedOn = rules.periods.issueDate(submitted: now)
        let number = try await nextFileNumber(office: officeCode, year: issuedOn.year, on: db)
        let language = Language(rawValue: claim.language) ?? .en
        let seal = SealBlock(courtName: office.name, officeAddress: "\(office.streetAddress), \(office.city) \(office.postalCode)",
                             fileNumber: number, issuedOn: issuedOn)
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
        let sealed = try await SealedDocuments.seal(pdf, title: title, reference: number, app: app, at: now, on: db)
        claim.fileNumber = number
        claim.issuedOn = issuedOn.description
        claim.documentSHA256 = sealed.sha256
        claim.status = ClaimRecord.Status.issued.rawValue
        claim.updatedAt = now
        try await claim.save(on: db)
        try await CaseDocket.append([.claimIssued(fileNumber: number, on: issuedOn)], by: role, actor: actor,
                                    to: claim.id!, at: now, on: db)
        try await ClaimMail.issued(claim, office: office.name, pdfPath: sealed.path, app: app, at: now, on: db)
    }

    /// The next court file number at `office` in `year`: `<OFFICE>-SC-<YY>-<000001>`. The counter row
    /// is incremented in the caller's transaction, so numbers are neither repeated nor skipped.
    static func nextFileNumber(office: String, year: Int, on db: any Database) async throws -> String {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let table = FileNumberCounterRecord.schema
        let row = try await sql.raw("""
            INSERT INTO \(ident: table) (id, office_code, year, last) VALUES (\(bind: UUID()), \(bind: office), \(bind: year), 1)
            ON CONFLICT (office_code, year) DO UPDATE SET last = \(ident: table).last + 1 RETURNING last
            """).first()
        guard let last = try row?.decode(column: "last", as: Int.self) else { throw Abort(.internalServerError) }
        return String(format: "%@-SC-%02d-%06d", office.uppercased(), year % 100, last)
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
