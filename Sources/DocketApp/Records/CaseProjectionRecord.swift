import DocketCore
import Fluent
import Foundation

/// One row a case, rewritten from the fold of its docket on every append and never set by hand:
/// what queues, dashboards and listings read instead of folding every case.
final class CaseProjectionRecord: Model, @unchecked Sendable {
    static let schema = "case_projections"

    /// The case's id (for a claim, the id its draft had).
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "stage") var stage: String
    @OptionalField(key: "office_code") var officeCode: String?
    /// The role the case waits on now (`clerk` for a claim to confirm).
    @OptionalField(key: "waiting_on") var waitingOn: String?
    @OptionalField(key: "next_deadline") var nextDeadline: String?
    @OptionalField(key: "next_step") var nextStep: String?
    @OptionalField(key: "file_number") var fileNumber: String?
    @OptionalField(key: "issued_on") var issuedOn: String?
    @OptionalField(key: "filing_year") var filingYear: Int?
    @OptionalField(key: "filer_account_id") var filerAccountID: UUID?
    @OptionalField(key: "fee_cents") var feeCents: Int64?
    @OptionalField(key: "document_sha256") var documentSHA256: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// The plaintiffs' or claimant's names, and the defendants' or respondents', as listings show them.
    @OptionalField(key: "first_party") var firstParty: String?
    @OptionalField(key: "other_party") var otherParty: String?
    /// What is still owed under a dispute's settlement.
    @OptionalField(key: "balance_cents") var balanceCents: Int64?
    /// The amount a claim claims, and why it was referred to a clerk (reason keys, comma-separated):
    /// what the clerks' queue shows.
    @OptionalField(key: "claimed_cents") var claimedCents: Int64?
    @OptionalField(key: "referral_reasons") var referralReasons: String?
    /// The first day the sweep may have something to record for the case.
    @OptionalField(key: "sweep_on") var sweepOn: String?
    /// The sequence of the last docket entry folded into this row.
    @Field(key: "last_sequence") var lastSequence: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var caseStage: CaseStage? { CaseStage(rawValue: stage) }

    /// A claim's progress as the filer sees it (the same answer as `CaseSummary.filingStatus`).
    var filingStatus: String { FilingStatus(stage: caseStage, issued: fileNumber != nil).rawValue }
}

/// What an account is in a case it takes part in.
enum ParticipantRole: String, Codable {
    case plaintiff, claimant, respondent, representative
    /// Answered an invitation to a dispute without joining it (declined, or too late): the case is
    /// listed with how it ended, and cannot be opened.
    case invited
}

/// An account taking part in a case, and as what: the "my cases" lists read these.
final class CaseParticipantRecord: Model, @unchecked Sendable {
    static let schema = "case_participants"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "role") var role: String
    @OptionalField(key: "party") var party: String?
    /// Copied from the case's projection at each rewrite, for listings in one index range.
    @Field(key: "kind") var kind: String
    @Field(key: "open") var open: Bool
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}
}
