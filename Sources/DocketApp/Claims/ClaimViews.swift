import DocketCore
import DocketDocuments
import Vapor

/// One thing in a list page (a party, a row of the claim, an event, a document).
struct ListItem: Encodable {
    let title: String
    let lines: [String]
    let changeURL: String?
    let removeURL: String?
}

/// A page listing what a section holds, with a way to add more.
struct ListBody: Encodable {
    let intro: String?
    let items: [ListItem]
    let hasItems: Bool
    let empty: String
    let add: LinkView?
    let links: [LinkView]
    let form: FormView?
    let done: LinkView?
    let doneIsPost: Bool
    let back: LinkView
}

struct TaskView: Encodable {
    let name: String
    let href: String
    let status: String
    let statusLabel: String
}

struct FindingView: Encodable {
    let message: String
    let blocking: Bool
    /// Where the field to change is.
    let href: String
}

struct TaskListBody: Encodable {
    let complete: Bool
    let hasMissing: Bool
    let hasFindings: Bool
    let tasks: [TaskView]
    let missing: [LinkView]
    let findings: [FindingView]
    let deleteAction: String
    let created: String
}

/// One line of check-your-answers: a question, the answer, where to change it.
struct AnswerRow: Encodable {
    let label: String
    let value: String
    let change: String?
    /// What the "Change" link changes, for screen readers: the label, or the party by name.
    var changeLabel: String

    init(label: String, value: String, change: String?, changeLabel: String? = nil) {
        self.label = label; self.value = value; self.change = change; self.changeLabel = changeLabel ?? label
    }
}

struct AnswerGroup: Encodable {
    let heading: String
    let rows: [AnswerRow]
}

struct CheckBody: Encodable {
    let hasMissing: Bool
    let hasFindings: Bool
    let groups: [AnswerGroup]
    let findings: [FindingView]
    let missing: [LinkView]
    let canConfirm: Bool
    let action: String
    let back: String
}

struct EntryView: Encodable {
    let when: String
    let what: String
}

struct ClaimShowBody: Encodable {
    let status: String
    let statusLabel: String
    let fileNumber: String?
    let issuedOn: String?
    let office: String
    let plaintiffs: String
    let defendants: String
    let amount: String
    let fee: String?
    let paymentReference: String?
    let documentURL: String?
    let documents: [String]
    let hasDocuments: Bool
    let entries: [EntryView]
    let kind: String
}

/// A submitted claim's progress as the filer sees it: with a clerk, issued, or not issued (the
/// `claim.status.<value>` catalogue entries).
enum FilingStatus: String {
    case referred, issued, rejected

    init(stage: CaseStage?, issued: Bool) {
        self = stage == .rejected ? .rejected : issued ? .issued : .referred
    }
}

extension CaseSummary {
    var filingStatus: String { FilingStatus(stage: stage, issued: issuedOn != nil).rawValue }
}

extension Request {
    func money(_ m: Money) -> String { m.formatted(french: language == .fr) }
    func day(_ d: CivilDate) -> String { DateText.day(d, language) }

    /// The findings a person can act on, each linked to the field to change. Findings that only
    /// say something is not entered yet are left to the list of missing items.
    func findings(_ report: EligibilityReport, _ claim: ClaimRecord) -> [FindingView] {
        report.findings.filter { !$0.awaitsInput }.map { f in
            FindingView(message: finding(f, report), blocking: f.severity == .blocking,
                        href: ClaimAccess.path(claim, f.section.rawValue) + "#" + f.field)
        }
    }

    func finding(_ f: EligibilityFinding, _ report: EligibilityReport) -> String {
        var args: [String] = []
        if f.code.hasPrefix("amount."), let limit = report.limit { args = [money(limit)] }
        if f.code.hasPrefix("limitation."), let check = report.limitation { args = [day(check.lastDay)] }
        return t(f.messageKey, args)
    }
}
