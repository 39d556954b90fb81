import DocketCore
import DocketDocuments
import Fluent
import Foundation
import Vapor

/// The settlement agreement, once every party has signed: laid out and sealed by Docket (never
/// with the court's seal), recorded on the docket by the system, and emailed to everyone who
/// signed. Nothing can change what it says once all have signed, so it is laid out and sealed
/// before the case is locked; the lock only records it, once. The last signature seals it; the
/// sweep seals one whose sealing was interrupted.
enum OdrAgreementSeal {
    static func seal(_ record: OdrCaseRecord, app: Application) async throws {
        let now = app.docket.clock.now()
        let language = Language(rawValue: record.language) ?? .en
        let text = app.formText(language)
        let reference = "ODR-" + record.id!.uuidString.prefix(8).uppercased()
        let entries = try await OdrCases.entries(record.id!, on: app.db)
        let signed = OdrCases.fold(entries, record, app)
        guard signed.status == .active, !signed.sealed, signed.everyoneSigned, let terms = signed.agreed else { return }
        let claimant = AgreementParty(name: record.claimantName, address: try await address(of: record.accountID, on: app.db))
        var respondents: [AgreementParty] = []
        for invitation in try await OdrInvitationRecord.query(on: app.db).filter(\.$caseID == record.id!).all()
        where signed.hasAccepted(invitation.respondentEmail) {
            respondents.append(AgreementParty(name: invitation.respondentName, address: try await address(of: invitation.accountID, on: app.db)))
        }
        let signatures = Self.signatures(entries, language: language, app: app)
        let pdf = SettlementForm.agreement(
            claimant: claimant, respondents: respondents, dispute: record.draft.description,
            terms: terms, schedule: signed.schedule, signatures: signatures,
            seal: RecordSeal(reference: reference, sealedOn: CivilDate.of(now), verifyURL: app.docket.settings.baseURL + "/verify"), text: text)
        let prepared = try SealedDocuments.prepare(pdf, kind: .agreement, app: app)
        let signedBy = signatures.map(\.name).joined(separator: " & ")
        do {
            try await OdrCases.locked(record.id!, app: app) { db, record, summary in
                let sealed = try await SealedDocuments.record(prepared, title: text.label("pdf.agreement.title"), reference: reference,
                                                              signedBy: signedBy, at: now, on: db)
                _ = try await OdrCases.append(.sealAgreement(sha256: sealed.sha256), side: .system, party: "", actor: nil, record, summary,
                                              app: app, on: db)
                try await OdrMail.settled(record, to: summary.signatories.compactMap(summary.email(of:)), pdfPath: sealed.path,
                                          app: app, at: now, on: db)
            }
        } catch let refusal as Refusal where refusal.reason == .alreadyDone {
            return   // sealed by another request or process first, or withdrawn before it
        }
    }

    /// Each signature by the signer's role in the agreement (never their email), in `language`.
    static func signatures(_ entries: [OdrEntry], language: Language, app: Application) -> [TypedSignature] {
        let catalogue = app.docket.catalogue
        return entries.compactMap { e in
            guard case let .signed(name, address) = e.event else { return nil }
            return TypedSignature(party: catalogue.text(e.side == .claimant ? "pdf.agreement.claimant" : "pdf.agreement.respondent", language),
                                  name: name, at: DateText.long(e.at, language), address: address)
        }
    }

    /// The postal address a party gave with their account, as they gave it.
    static func address(of account: UUID?, on db: any Database) async throws -> String {
        guard let account, let record = try await AccountRecord.find(account, on: db),
              let contact = try await record.currentContact(on: db) else { return "" }
        return contact.details.postalAddress
    }
}
