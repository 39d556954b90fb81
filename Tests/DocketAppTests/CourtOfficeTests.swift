import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct CourtOfficeRouteTests {
    /// Signs in a new staff member with `role`.
    func staff(_ app: Application, role: String) async throws -> Browser {
        let email = "\(role)-\(UUID().uuidString.prefix(6))@court.example".lowercased()
        let link = try await StaffAccounts.add(email: email, role: role, app: app)
        let token = String(link.split(separator: "=").last!)
        let b = Browser(app)
        try await b.get("/recover/reset?token=" + token)
        try await b.post("/recover/reset", ["token": token, "password": "court-staff-passphrase", "passwordConfirmation": "court-staff-passphrase"])
        try await b.signIn(email, "court-staff-passphrase")
        return b
    }

    @Test func theShippedListIsLoadedOnceOnFirstStart() async throws {
        try await withDocket { app, _ in
            let csv = try String(contentsOfFile: packageRoot + "/Resources/data/ontario-court-offices.csv", encoding: .utf8)
            let shipped = try CourtOfficeCSV.parse(csv)
            let loaded = try await CourtOfficeRecord.query(on: app.db).count()
            #expect(loaded == shipped.filter { $0.validated().1.isEmpty }.count)
            #expect(loaded >= 55)
            let toronto = try #require(try await CourtOfficeRecord.query(on: app.db).filter(\.$code == "toronto-47-sheppard").first())
            #expect(toronto.postalCode == "M2N 5N1")
            // Starting again does not load it twice, nor undo an administrator's change.
            toronto.retiredAt = Date()
            try await toronto.save(on: app.db)
            try await CourtOffices.seedIfEmpty(app, csvPath: packageRoot + "/Resources/data/ontario-court-offices.csv")
            #expect(try await CourtOfficeRecord.query(on: app.db).count() == loaded)
            #expect(try await CourtOffices.open(on: app.db).count == loaded - 1)
        }
    }

    @Test func officeNamesAreReadByCodeInEitherLanguage() async throws {
        try await withDocket { app, _ in
            let records = try await CourtOffices.open(on: app.db).prefix(3)
            let codes = Set(records.map(\.code) + ["no-such-office"])
            for language in [Language.en, .fr] {
                let names = try await CourtOffices.names(codes, language, on: app.db)
                #expect(names == Dictionary(uniqueKeysWithValues: records.map { ($0.code, $0.name(language)) }))
            }
            #expect(try await CourtOffices.names([], .en, on: app.db).isEmpty)
        }
    }

    @Test func thePublicListShowsOpenOfficesInBothLanguages() async throws {
        try await withDocket { app, _ in
            let en = try await Browser(app).get("/court-offices")
            #expect(en.status == .ok)
            #expect(en.body.contains("Toronto Small Claims Court"))
            #expect(en.body.contains("47 Sheppard Avenue East, Toronto ON M2N 5N1"))
            let fr = try await Browser(app).get("/court-offices?lang=fr")
            #expect(fr.body.contains("Greffes des tribunaux"))
        }
    }

    @Test func anAdministratorAddsCorrectsRetiresAndRestores() async throws {
        try await withDocket { app, _ in
            let admin = try await staff(app, role: "admin")
            #expect(try await admin.get("/staff/offices/new").status == .ok)
            let added = try await admin.post("/staff/offices", ["code": "Barrie-75-Mulcaster", "name": "Barrie Small Claims Court",
                                                                  "streetAddress": "75 Mulcaster Street", "city": "Barrie", "postalCode": "l4m3p2"])
            #expect(added.location == "/staff/offices?saved=1")
            let barrie = try #require(try await CourtOfficeRecord.query(on: app.db).filter(\.$code == "barrie-75-mulcaster").first())
            #expect(barrie.postalCode == "L4M 3P2")

            try await admin.get("/staff/offices/barrie-75-mulcaster/edit")
            let corrected = try await admin.post("/staff/offices/barrie-75-mulcaster", ["code": "changed", "name": "Barrie Courthouse",
                "streetAddress": "75 Mulcaster Street", "city": "Barrie", "postalCode": "L4M 3P2", "phone": "705-739-6111"])
            #expect(corrected.location == "/staff/offices?saved=1")
            let after = try #require(try await CourtOfficeRecord.query(on: app.db).filter(\.$code == "barrie-75-mulcaster").first())
            #expect(after.name == "Barrie Courthouse")
            #expect(after.phone == "705-739-6111")

            try await admin.get("/staff/offices")
            try await admin.post("/staff/offices/barrie-75-mulcaster/retire", [:])
            #expect(!(try await Browser(app).get("/court-offices").body.contains("Barrie Courthouse")))
            #expect(try await admin.get("/staff/offices").body.contains("Retired"))
            try await admin.post("/staff/offices/barrie-75-mulcaster/restore", [:])
            #expect(try await Browser(app).get("/court-offices").body.contains("Barrie Courthouse"))
        }
    }

    @Test func badOfficesAreRefusedAndChangeNothing() async throws {
        try await withDocket { app, _ in
            let admin = try await staff(app, role: "admin")
            let before = try await CourtOfficeRecord.query(on: app.db).count()
            try await admin.get("/staff/offices/new")
            let page = try await admin.post("/staff/offices", ["code": "x", "name": "", "streetAddress": "1 Road", "city": "Town", "postalCode": "90210"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Use 3 to 60 lower-case letters, numbers and hyphens."))
            #expect(page.body.contains("Enter the office name."))
            #expect(page.body.contains("Enter a Canadian postal code like K2P 2K1."))
            let taken = try await admin.post("/staff/offices", ["code": "toronto-47-sheppard", "name": "Again", "streetAddress": "1 Road",
                                                                  "city": "Toronto", "postalCode": "M2N 5N1"])
            #expect(taken.body.contains("Another office already has this code."))
            let shortTaken = try await admin.post("/staff/offices", ["code": "toronto-47-elsewhere", "name": "Again", "streetAddress": "1 Road",
                                                                       "city": "Toronto", "postalCode": "M2N 5N1"])
            #expect(shortTaken.body.contains("Another office has this short code."))
            let badNames = try await admin.post("/staff/offices", ["code": "newplace-1", "name": "Court\r\nBcc: x", "nameFr": "李",
                                                                     "streetAddress": "1 Road", "city": "Town", "postalCode": "K2P 2K1"])
            #expect(badNames.status == .unprocessableEntity)
            #expect(badNames.body.contains("Remove the line breaks"))
            #expect(badNames.body.contains("characters Docket cannot print"))
            #expect(try await CourtOfficeRecord.query(on: app.db).count() == before)
            #expect(try await admin.get("/staff/offices/no-such-office/edit").status == .notFound)
            #expect(try await admin.post("/staff/offices/toronto-47-sheppard/retire", [:], csrf: "").status == .forbidden)
            #expect(try await CourtOffices.open(on: app.db).count == before)
        }
    }

    @Test func aClerkMayLookButNotChange() async throws {
        try await withDocket { app, _ in
            let clerk = try await staff(app, role: "clerk")
            let list = try await clerk.get("/staff/offices")
            #expect(list.status == .ok)
            #expect(!list.body.contains("/staff/offices/new"))
            // Offices are shown by name, address and the short code of their file numbers, not by internal code.
            #expect(list.body.contains("Toronto Small Claims Court<br><span class=\"hint\">File numbers: TOR47-SC-…</span>"))
            #expect(!list.body.contains(">toronto-47-sheppard<"))
            #expect(try await clerk.get("/staff/offices/new").status == .forbidden)
            #expect(try await clerk.post("/staff/offices/toronto-47-sheppard/retire", [:]).status == .forbidden)
            #expect(try await CourtOfficeRecord.query(on: app.db).filter(\.$retiredAt != nil).count() == 0)
            let party = Browser(app)
            try await party.register()
            #expect(try await party.get("/staff/offices").status == .forbidden)
        }
    }
}
