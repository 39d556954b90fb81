import Foundation
import Testing
@testable import DocketCore

@Suite struct CourtOfficeTests {
    @Test func parsesQuotedFieldsAndSkipsBlankLines() throws {
        let text = "code,name,street_address,city,postal_code,phone,small_claims,ontario_ca_location_id\r\n"
            + "toronto-47-sheppard,Toronto Small Claims Court,47 Sheppard Avenue East,Toronto,M2N 5N1,416-326-3554,confirmed,6004\n"
            + "\n"
            + "rh,\"Richmond Hill \"\"Admin\"\"\",\"8500 Leslie Street, Suite 395\",Markham,L3T 7M8,,confirmed,5021\n"
        let offices = try CourtOfficeCSV.parse(text)
        #expect(offices.count == 2)
        #expect(offices[1].streetAddress == "8500 Leslie Street, Suite 395")
        #expect(offices[1].name == "Richmond Hill \"Admin\"")
        #expect(offices[1].phone == "")
        #expect(offices[0].locationID == "6004")
    }

    @Test func refusesAWrongHeaderOrRow() {
        #expect(throws: CourtOfficeCSV.Problem.self) { try CourtOfficeCSV.parse("id,name\n1,x\n") }
        do {
            _ = try CourtOfficeCSV.parse("code,name,street_address,city,postal_code,phone,small_claims,ontario_ca_location_id\na,b,c\n")
            Issue.record("accepted a short row")
        } catch let problem as CourtOfficeCSV.Problem {
            #expect(problem.line == 2)
        } catch { Issue.record("\(error)") }
    }

    @Test func validationNamesEveryProblem() {
        let (_, problems) = CourtOffice(code: "Bad Code!", name: " ", streetAddress: "", city: "", postalCode: "12345", locationID: "x1").validated()
        #expect(Set(problems.map(\.field)) == ["code", "name", "streetAddress", "city", "postalCode", "locationID"])
        let (clean, none) = CourtOffice(code: " Ottawa-161-Elgin ", name: "Ottawa Small Claims Court", streetAddress: "161 Elgin Street",
                                        city: "Ottawa", postalCode: "k2p2k1").validated()
        #expect(none.isEmpty)
        #expect(clean.code == "ottawa-161-elgin")
        #expect(clean.postalCode == "K2P 2K1")
    }
}
