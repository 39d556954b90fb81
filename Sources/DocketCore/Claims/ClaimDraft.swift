/// One reason the defendant owes money, and how much (Form 7A "amount claimed").
public struct ClaimRow: Codable, Sendable, Equatable {
    public var reason: String
    public var amount: Money

    public init(reason: String, amount: Money) { self.reason = reason; self.amount = amount }
}

/// Pre-judgment interest the plaintiff asks for (Form 7A; Courts of Justice Act, ss. 128–129).
public enum InterestBasis: String, Codable, Sendable, CaseIterable {
    case none
    /// At the rate the parties agreed in their contract.
    case contract
    /// At the rate under the Courts of Justice Act (s. 128).
    case courtsOfJusticeAct = "courts-of-justice-act"
}

public struct InterestClaim: Codable, Sendable, Equatable {
    public var basis: InterestBasis
    /// The yearly contract rate in hundredths of a percent (1250 = 12.50 %).
    public var rateBasisPoints: Int?
    public var from: CivilDate?

    public init(basis: InterestBasis = .none, rateBasisPoints: Int? = nil, from: CivilDate? = nil) {
        self.basis = basis; self.rateBasisPoints = rateBasisPoints; self.from = from
    }

    /// Online filings claiming more than 35 % a year go to a clerk (RULES.md §6).
    public static let reviewAboveBasisPoints = 3500
}

/// One dated event in the plaintiff's account of what happened.
public struct TimelineEvent: Codable, Sendable, Equatable {
    public var on: CivilDate
    public var what: String

    public init(on: CivilDate, what: String) { self.on = on; self.what = what }
}

/// A document the plaintiff relies on: its title, and the uploaded file when there is one.
public struct ClaimDocument: Codable, Sendable, Equatable {
    public var title: String
    public var fileName: String?
    /// Reference of the stored file (its content hash path) and its SHA-256.
    public var reference: String?
    public var sha256: String?
    public var contentType: String?

    public init(title: String, fileName: String? = nil, reference: String? = nil, sha256: String? = nil, contentType: String? = nil) {
        self.title = title; self.fileName = fileName; self.reference = reference; self.sha256 = sha256
        self.contentType = contentType
    }
}

/// A lawyer or paralegal filing for the plaintiffs.
public struct Representative: Codable, Sendable, Equatable {
    public var name: String
    public var lawSocietyNumber: String
    public var firm: String
    public var address: String
    public var phone: String
    public var email: String

    public init(name: String = "", lawSocietyNumber: String = "", firm: String = "", address: String = "",
                phone: String = "", email: String = "") {
        self.name = name; self.lawSocietyNumber = lawSocietyNumber; self.firm = firm; self.address = address
        self.phone = phone; self.email = email
    }
}

/// How the filing fee is dealt with.
public enum FeeChoice: String, Codable, Sendable, CaseIterable {
    case pay
    /// A fee waiver request (O. Reg. 2/05) instead of payment.
    case waiver
}

/// Everything a plaintiff has entered for a claim, complete or not. Drafts are saved as they go;
/// once submitted a claim is never changed (a correction is a new docket entry).
public struct ClaimDraft: Codable, Sendable, Equatable {
    public var officeCode: String?
    public var venue: VenueGround?
    public var plaintiffs: [ClaimParty] = []
    public var defendants: [ClaimParty] = []
    /// nil until answered; false means the plaintiffs file for themselves.
    public var filingForClient: Bool?
    public var representative: Representative?
    public var rows: [ClaimRow] = []
    public var interest: InterestClaim?
    public var waivesExcess = false
    public var summary: String = ""
    public var incidentOn: CivilDate?
    public var discoveredOn: CivilDate?
    public var timeline: [TimelineEvent] = []
    public var documents: [ClaimDocument] = []
    /// The plaintiff has said the documents list is complete (it may be empty).
    public var documentsDone = false
    public var answersChecked = false
    public var feeChoice: FeeChoice?
    /// The O. Reg. 2/05 questions as answered, when a fee waiver is asked for.
    public var waiverAnswers: FeeWaiverFacts?

    public init() {}

    public var total: Money { rows.reduce(.zero) { $0 + $1.amount } }

    public func party(_ side: PartySide) -> [ClaimParty] { side == .plaintiff ? plaintiffs : defendants }

    public mutating func setParties(_ side: PartySide, _ parties: [ClaimParty]) {
        if side == .plaintiff { plaintiffs = parties } else { defendants = parties }
    }

    /// What the rules core needs to judge eligibility.
    public var facts: ClaimFacts {
        ClaimFacts(amount: total, waivesExcess: waivesExcess, discovered: discoveredOn ?? incidentOn,
                   actOn: incidentOn, venue: venue)
    }

    /// A debt or liquidated demand: an agreed amount, as opposed to damages to be assessed. A claim
    /// with a contract rate of interest is read as liquidated.
    public var liquidated: Bool { interest?.basis == .contract }

    /// Why a clerk must look at this claim before it is issued; empty when it can issue automatically.
    public var reviewReasons: [String] {
        var reasons: [String] = []
        if defendants.contains(where: \.underDisability) { reasons.append("defendant-under-disability") }
        if let rate = interest?.rateBasisPoints, interest?.basis == .contract, rate > InterestClaim.reviewAboveBasisPoints {
            reasons.append("interest-above-35")
        }
        return reasons
    }
}
