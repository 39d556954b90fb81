import DocketCore
import Fluent
import Foundation
import Vapor

/// Makes one generated case at a time: even numbers are court claims, odd numbers disputes, with
/// their events decided by the core at times spread over the last ten months.
struct CaseGenerator {
    let rules: RuleSet
    let now: Date
    /// Office codes, and each office's short code for file numbers.
    let offices: [String]
    var shortCodes: [String: String] = [:]
    /// File numbers given so far, by office and year; claims so far by filer, office and year.
    var counters: [String: Int] = [:]
    var prior: [String: Int] = [:]

    init(app: Application, offices: [CourtOfficeRecord]) {
        rules = app.docket.rules
        now = app.docket.clock.now()
        self.offices = offices.map(\.code).sorted()
        shortCodes = Dictionary(offices.map { ($0.code, $0.shortCode) }, uniquingKeysWith: { a, _ in a })
    }

    mutating func make(_ n: Int, filer: Population.Person, other: Population.Person, into rows: inout CaseRows) {
        let start = now.addingTimeInterval(-Double((n * 7919) % 300 + 1) * 86_400 - Double(n % 24) * 3600)
        if n % 2 == 0 { court(n, filer: filer, other: other, start: start, into: &rows) } else { dispute(n, filer: filer, other: other, start: start, into: &rows) }
    }

    // MARK: Court claims

    private mutating func court(_ n: Int, filer: Population.Person, other: Population.Person, start: Date, into rows: inout CaseRows) {
        let office = offices[n % offices.count]
        var d = ClaimDraft()
        d.officeCode = office
        d.venue = .defendantResides
        d.plaintiffs = [ClaimParty(kind: .individual, firstName: filer.firstName, lastName: filer.lastName,
                                   address: "\(filer.n) Queen Street West", city: "Toronto", postalCode: "M5V 2A8", phone: "416-555-0100")]
        let business = n % 3 == 0
        d.defendants = [business
            ? ClaimParty(kind: .business, businessName: Population.businesses[n % Population.businesses.count], address: "400 King Street",
                         city: "Ottawa", postalCode: "K2P 2K1", underDisability: false)
            : ClaimParty(kind: .individual, firstName: other.firstName, lastName: other.lastName, address: "12 Rue Principale",
                         city: "Ottawa", postalCode: "K1N 5T5", underDisability: n % 50 == 0)]
        d.filingForClient = false
        d.rows = [ClaimRow(reason: n % 2 == 0 ? "Unpaid invoice \(n)" : "Deposit not returned", amount: Money(cents: Int64(50_000 + (n * 3_137) % 3_000_000)))]
        d.interest = InterestClaim(basis: .none)
        d.summary = "The defendant did not pay for the work done under the contract of \(n % 28 + 1) March."
        d.incidentOn = CivilDate.of(start).adding(days: -60)
        d.documentsDone = true
        d.answersChecked = true
        d.feeChoice = .pay

        let claim = ClaimRecord(draft: d, kind: .online, accountID: filer.id, language: n % 5 == 0 ? "fr" : "en", at: start)
        claim.id = UUID()
        claim.status = ClaimRecord.Status.submitted.rawValue
        let year = rules.periods.issueDate(submitted: start).year
        let key = "\(filer.n)/\(office)/\(year)"
        let plaintiff = Actor(.plaintiff, party: .plaintiff(1), account: filer.id)
        var log = CourtLog(caseID: claim.id!)
        let fee: FeeSettlement
        switch CourtDecision.feeDue(d, priorClaims: prior[key, default: 0], rules: rules, now: start) {
        case .success(let amount?): fee = .paid(amount, reference: "generated-\(n)")
        default: fee = .waiver
        }
        log.act(.submit(ClaimSubmission(draft: d, priorClaims: prior[key, default: 0], fee: fee)), by: plaintiff, at: start, rules: rules)
        prior[key, default: 0] += 1
        if log.state(rules, start).can(.system, .issueClaim) {
            let counter = "\(office)/\(year)"
            counters[counter, default: 0] += 1
            let number = String(format: "%@-SC-%02d-%06d", shortCodes[office] ?? "GEN", year % 100, counters[counter]!)
            log.act(.issue(fileNumber: number), by: .system, at: start, rules: rules)
            let sha = Tokens.sha256(number)
            log.act(.recordSeal(sha256: sha), by: .system, at: start.addingTimeInterval(2), rules: rules)
        }
        let row = CaseProjectionRecord()
        CaseProjection.fill(row, court: claim.id!, log.state(rules, now), lastSequence: log.records.count, at: log.records.last?.recordedAt ?? start)
        rows.claims.append(claim)
        rows.entries += log.records
        rows.projections.append(row)
        rows.participants += CaseProjection.participants(court: log.state(rules, now)).map { CaseProjection.participantRecord(row, $0) }
    }

    /// A court case's docket as it is generated: the entries folded and their records chained.
    struct CourtLog {
        let caseID: UUID
        var entries: [DocketEntry] = []
        var records: [DocketEntryRecord] = []

        func state(_ rules: RuleSet, _ at: Date) -> CaseSummary { CaseFold.fold(entries, rules: rules, now: at) }

        mutating func act(_ command: CourtCommand, by actor: Actor, at time: Date, rules: RuleSet) {
            guard case .success(let events) = CourtDecision.decide(command, by: actor, state: state(rules, time), rules: rules, now: time) else { return }
            for event in events {
                guard let record = try? CaseDocket.entry(event, kind: .court, role: actor.role.rawValue, party: actor.party?.rawValue,
                                                         actor: actor.account, to: caseID, at: time, after: records.last) else { return }
                records.append(record)
                entries.append(DocketEntry(sequence: record.sequence, recordedAt: time, actor: actor, event: event))
            }
        }
    }

    // MARK: Online disputes

    private func dispute(_ n: Int, filer: Population.Person, other: Population.Person, start given: Date, into rows: inout CaseRows) {
        let shape = (n / 2) % 6
        // A pending dispute is recent: its fourteen days to accept have not run out.
        let start = shape == 0 ? now.addingTimeInterval(-Double(n % 10 + 1) * 86_400) : given
        let amount = Money(cents: Int64(20_000 + (n * 7_919) % 2_000_000))
        var draft = OdrDraft()
        draft.category = DisputeCategory.allCases[n % DisputeCategory.allCases.count]
        draft.description = "The work was not finished and the deposit was not returned (generated case \(n))."
        draft.respondents = [OdrRespondent(name: other.name, email: other.email)]
        draft.amount = amount
        draft.incidentOn = CivilDate.of(start).adding(days: -30)
        let record = OdrCaseRecord()
        record.id = UUID()
        record.accountID = filer.id
        record.claimantEmail = filer.email
        record.claimantName = filer.name
        record.status = "submitted"
        record.draft = draft
        record.language = n % 5 == 0 ? "fr" : "en"
        record.open = true
        record.createdAt = start
        record.submittedAt = start

        var log = OdrLog(record: record, claimant: filer.id, respondent: other.id)
        log.act(.open(respondentEmails: [other.email], amount: amount), .claimant, at: start, rules)
        let answered = shape != 0
        let accept: OdrCommand = .answerInvitation(accept: shape != 1, fromAccountEmail: other.email)
        if answered { log.act(accept, .respondent, at: start.addingTimeInterval(3600), rules) }
        let messages = [0, 0, 8, 8, 6, 4][shape]
        for m in 0..<messages {
            let text = m % 2 == 0 ? "Here is the invoice for the work, and photos of what was left undone (\(m))."
                : "J'ai payé l'acompte le 3 mars ; les travaux ont été faits selon le devis (\(m))."
            log.act(.message(text), m % 2 == 0 ? .claimant : .respondent, at: start.addingTimeInterval(Double(m + 2) * 7200), rules)
        }
        let later = start.addingTimeInterval(Double(messages + 3) * 7200)
        let terms = SettlementTerms(amount: Money(cents: amount.cents * 3 / 4), plan: .lumpSum(by: CivilDate.of(start).adding(days: 45)))
        switch shape {
        case 2, 3:
            log.act(.offer(terms), .claimant, at: later, rules)
            log.act(.answerOffer(number: 1, accept: false), .respondent, at: later.addingTimeInterval(3600), rules)
            log.act(.offer(SettlementTerms(amount: Money(cents: amount.cents / 2), plan: terms.plan)), .respondent,
                    at: later.addingTimeInterval(7200), rules)
        case 4:
            log.act(.offer(terms), .claimant, at: later, rules)
            log.act(.answerOffer(number: 1, accept: true), .respondent, at: later.addingTimeInterval(3600), rules)
            log.act(.sign(name: filer.name, address: "127.0.0.1"), .claimant, at: later.addingTimeInterval(7200), rules)
            log.act(.sign(name: other.name, address: "127.0.0.1"), .respondent, at: later.addingTimeInterval(9000), rules)
            let sha = Tokens.sha256(record.id!.uuidString)
            log.act(.sealAgreement(sha256: sha), .system, at: later.addingTimeInterval(9001), rules)
            if n % 4 != 1 {
                log.act(.recordPayment(terms.amount, on: CivilDate.of(later).adding(days: 10)), .respondent, at: later.addingTimeInterval(86_400 * 10), rules)
                log.act(.confirmPayment(number: 1), .claimant, at: later.addingTimeInterval(86_400 * 11), rules)
            }
        case 5:
            log.act(.withdraw, .claimant, at: later, rules)
        default:
            break
        }
        record.updatedAt = log.records.last?.recordedAt ?? start
        let invitation = OdrInvitationRecord()
        invitation.id = UUID()
        invitation.caseID = record.id!
        invitation.respondentEmail = other.email
        invitation.respondentName = other.name
        invitation.tokenHash = Tokens.sha256("generated-\(record.id!.uuidString)")
        invitation.createdAt = start
        invitation.usedAt = answered ? start.addingTimeInterval(3600) : nil
        invitation.accountID = answered ? other.id : nil
        let summary = log.state(now, rules)
        let row = CaseProjectionRecord()
        CaseProjection.fill(row, odr: record, summary, lastSequence: log.records.count, at: record.updatedAt)
        rows.disputes.append(record)
        rows.invitations.append(invitation)
        rows.entries += log.records
        rows.projections.append(row)
        rows.participants += CaseProjection.participants(odr: record, summary, invitations: [invitation], representatives: [])
            .map { CaseProjection.participantRecord(row, $0) }
    }

    /// A dispute's docket as it is generated.
    struct OdrLog {
        let record: OdrCaseRecord
        let claimant: UUID
        let respondent: UUID
        var entries: [OdrEntry] = []
        var records: [DocketEntryRecord] = []

        init(record: OdrCaseRecord, claimant: UUID, respondent: UUID) {
            self.record = record; self.claimant = claimant; self.respondent = respondent
        }

        func state(_ at: Date, _ rules: RuleSet) -> OdrSummary { OdrFold.fold(entries, claimant: record.claimantEmail, rules: rules, now: at) }

        mutating func act(_ command: OdrCommand, _ side: OdrSide, at time: Date, _ rules: RuleSet) {
            let party = side == .claimant ? OdrParticipant.claimantID : side == .respondent ? OdrParticipant.respondentID(1) : ""
            guard case .success(let events) = OdrDecision.decide(command, side: side, party: party, state: state(time, rules)) else { return }
            let account = side == .claimant ? claimant : side == .respondent ? respondent : nil
            for event in events {
                guard let entry = try? CaseDocket.entry(event, kind: .odr, role: side.rawValue, party: party, actor: account,
                                                        to: record.id!, at: time, after: records.last) else { return }
                records.append(entry)
                entries.append(OdrEntry(sequence: entry.sequence, at: time, side: side, party: party, event: event))
            }
        }
    }

    /// The file number counters, so numbers issued after the generated ones follow on.
    func saveCounters(on db: any Database) async throws {
        let rows = counters.map { key, last in
            let parts = key.split(separator: "/")
            let row = FileNumberCounterRecord()
            row.id = UUID(); row.officeCode = String(parts[0]); row.year = Int(parts[1]) ?? 0; row.last = last
            return row
        }
        if !rows.isEmpty { try await rows.create(on: db) }
    }
}
