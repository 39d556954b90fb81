import DocketCore
import DocketDocuments
import Fluent
import Foundation
import SQLKit
import Vapor

/// Submission and issuance of claims, through the act pipeline. The fee is charged before the
/// submission's transaction and voided if that transaction fails. The submission's transaction
/// moves the draft to submitted (so it can no longer change), records the submission on the
/// docket and, when the rules issue automatically, the issue with its file number. Laying out and
/// sealing the issued claim is slow work, so it runs after that commit, never while the write
/// lock is held; its result (the register entry, the seal on the docket, the email) commits in a
/// second, short transaction. If the process stops between the two, `completePendingIssues`
/// finishes the job: the document depends only on what the first transaction recorded.
enum ClaimFiling {
    /// Submits the draft `claimID` of `account`. When another of the filer's claims is recorded
    /// between the charge and the submission and changes the fee (the frequent-claimant count),
    /// the charge is voided and the submission tried again with the fee due then.
    static func submit(claimID: UUID, account: AccountRecord, app: Application, logger: Logger) async throws -> CaseSummary {
        guard let claim = try await ClaimRecord.find(claimID, on: app.db) else { throw Refusal(.alreadyDone) }
        return try await submit(claim, account: account, app: app, logger: logger)
    }

    /// Submits `claim` as it is in hand (its fee answers just set): the draft is written with the
    /// move to submitted, so what is filed is exactly what the filer confirmed.
    static func submit(_ claim: ClaimRecord, account: AccountRecord, app: Application, logger: Logger) async throws -> CaseSummary {
        for attempt in 1... {
            do {
                return try await submitOnce(claim, account: account, app: app, logger: logger)
            } catch let refusal as Refusal where refusal.reason == .feeChanged && attempt < 5 {
                continue
            }
        }
        throw Refusal(.feeChanged)
    }

    private static func submitOnce(_ claim: ClaimRecord, account: AccountRecord, app: Application, logger: Logger) async throws -> CaseSummary {
        let now = app.docket.clock.now()
        let rules = app.docket.rules
        guard let accountID = account.id, let claimID = claim.id, claim.isDraft, claim.accountID == accountID else {
            throw Refusal(.alreadyDone)
        }
        let draft = try claim.readableDraft()
        let office = draft.officeCode ?? ""
        let year = rules.periods.issueDate(submitted: now).year
        let prior = try await priorClaims(of: accountID, office: office, year: year, on: app.db)
        let fee: FeeSettlement
        if let amount = try CourtDecision.feeDue(draft, priorClaims: prior, rules: rules, now: now).get() {
            fee = .paid(amount, reference: try await app.docket.payments.charge(amount, description: "Plaintiff's Claim, \(office)", at: now))
        } else {
            fee = .waiver
        }
        let summary: CaseSummary
        do {
            summary = try await app.write { db in
                // A write first: on SQLite the transaction holds the write lock from here on, and a
                // second submission of the same draft finds it no longer a draft.
                try await submitDraft(claim, at: now, on: db)
                if try db.sql.dialect.name == "postgresql" {
                    // One filer's submissions go one at a time, so the frequent-claimant count is exact.
                    try await db.sql.raw("SELECT id FROM \(ident: AccountRecord.schema) WHERE id = \(bind: accountID) FOR UPDATE").run()
                }
                let prior = try await priorClaims(of: accountID, office: office, year: year, on: db)
                let filer = Actor(.plaintiff, party: .plaintiff(1), account: accountID)
                return try await CourtActs.act(on: claimID, by: filer, app: app, in: db, at: now, writing: true) { _, _ in
                    .submit(ClaimSubmission(draft: draft, priorClaims: prior, fee: fee))
                }
            }
        } catch {
            if case .paid(_, let reference) = fee {
                await app.docket.payments.void(reference, at: now)
                logger.warning("fee voided: the submission was not recorded", metadata: ["claim": "\(claimID)", "payment": "\(reference)"])
            }
            throw error
        }
        claim.status = ClaimRecord.Status.submitted.rawValue
        logger.info("claim submitted", metadata: ["claim": "\(claimID)", "stage": "\(summary.stage.rawValue)",
                                                   "issued": "\(summary.fileNumber ?? "-")"])
        if summary.issuedOn != nil { try await completeIssue(claimID, app: app, known: (summary, claim)) }
        return summary
    }

    /// Claims `account` has already filed at `office` in `year` (O. Reg. 332/16, s. 1(1)), from
    /// the cases' projection.
    static func priorClaims(of account: UUID, office: String, year: Int, on db: any Database) async throws -> Int {
        try await PlainRows.count("""
            FROM \(ident: CaseProjectionRecord.schema)
            WHERE filer_account_id = \(bind: account) AND office_code = \(bind: office) AND filing_year = \(bind: year)
            """, on: db)
    }

    /// A clerk issues a claim waiting for one: the file number is taken under the case's lock.
    static func issue(claimID: UUID, by clerk: Actor, app: Application) async throws {
        let rules = app.docket.rules
        try await CourtActs.act(on: claimID, by: clerk, app: app) { state, db in
            guard let office = try await officeCode(of: claimID, state: state, on: db) else { throw Refusal(.notPermitted) }
            let year = CourtDecision.issueDay(by: clerk.role, rules: rules, now: app.docket.clock.now()).year
            return .issue(fileNumber: try await FileNumbers.next(office: office, year: year, on: db))
        }
        try await completeIssue(claimID, app: app)
    }

    /// The office a claim was filed at: on its docket, or (for claims submitted before parties had
    /// ids) on its projection.
    private static func officeCode(of claimID: UUID, state: CaseSummary, on db: any Database) async throws -> String? {
        if let office = state.filed?.office { return office }
        return try await CaseProjectionRecord.find(claimID, on: db)?.officeCode
    }

    /// Lays out and seals an issued claim's PDF outside any transaction, then records the seal on
    /// the docket, enters the document in the register and queues the email in one short
    /// transaction, once: a second call finds the seal recorded and does nothing.
    /// `known` is the case's state and its claim when the caller has just read them.
    static func completeIssue(_ claimID: UUID, app: Application, known: (CaseSummary, ClaimRecord)? = nil) async throws {
        let state: CaseSummary = if let known { known.0 } else { try await CourtActs.state(of: claimID, app: app, on: app.db) }
        guard state.sealedSHA256 == nil, let number = state.fileNumber, let issuedOn = state.issuedOn else { return }
        let found: ClaimRecord? = if let known { known.1 } else { try await ClaimRecord.find(claimID, on: app.db) }
        guard let claim = found,
              let code = try await officeCode(of: claimID, state: state, on: app.db),
              let office = try await CourtOffices.find(code, on: app.db) else { return }
        let (title, prepared) = try await app.docket.slowWork.run {
            let (pdf, title) = document(claim, office: office, number: number, issuedOn: issuedOn, app: app)
            return (title, try SealedDocuments.prepare(pdf, app: app))
        }
        let now = app.docket.clock.now()
        let officeName = office.name(Language(rawValue: claim.language) ?? .en)
        let filerEmail = try await ClaimMail.email(of: claim, on: app.db)
        do {
            try await CourtActs.act(on: claimID, by: .system, app: app, command: { _, _ in .recordSeal(sha256: prepared.sha256) }) { _, _, db in
                let sealed = try await SealedDocuments.record(prepared, title: title, reference: number, at: now, on: db)
                try await ClaimMail.issued(claim, to: filerEmail, number: number, on: issuedOn, office: officeName,
                                           pdfPath: sealed.path, app: app, at: now, on: db)
            }
        } catch let refusal as Refusal where refusal.reason == .alreadyDone {
            return   // another process sealed it first
        }
    }

    /// Finishes issued claims whose document was not sealed (the process stopped between the two
    /// transactions). Run by the background sweep.
    static func completePendingIssues(app: Application) async throws {
        let pending = try await CaseProjectionRecord.query(on: app.db).filter(\.$kind == CaseKind.court.rawValue)
            .filter(\.$fileNumber != nil).filter(\.$documentSHA256 == nil).limit(100).all()
        for row in pending { try await completeIssue(row.id!, app: app) }
    }

    /// The issued claim's court document and its title, in the claim's language.
    static func document(_ claim: ClaimRecord, office: CourtOfficeRecord, number: String, issuedOn: CivilDate,
                         app: Application) -> (Data, String) {
        let language = Language(rawValue: claim.language) ?? .en
        let seal = SealBlock(courtName: office.name(language), officeAddress: office.office.fullAddress,
                             fileNumber: number, issuedOn: issuedOn, verifyURL: app.docket.settings.baseURL + "/verify")
        let text = app.formText(language)
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

    /// Writes `claim`'s content and moves it from draft to submitted in one statement; refuses when
    /// it is no longer a draft (submitted from another tab first).
    static func submitDraft(_ claim: ClaimRecord, at now: Date, on db: any Database) async throws {
        let moved = try await db.sql.raw("""
            UPDATE \(ident: ClaimRecord.schema) SET status = \(bind: ClaimRecord.Status.submitted.rawValue), content = \(bind: claim.content),
            updated_at = \(bind: now) WHERE id = \(bind: claim.id!) AND status = \(bind: ClaimRecord.Status.draft.rawValue) RETURNING id
            """).all()
        guard !moved.isEmpty else { throw Refusal(.alreadyDone) }
    }

    static func partyLines(_ draft: ClaimDraft, _ text: FormText) -> [String] {
        draft.plaintiffs.map { text.label("pdf.cover.plaintiff") + ": " + $0.fullDescription }
            + draft.defendants.map { text.label("pdf.cover.defendant") + ": " + $0.fullDescription }
    }
}
