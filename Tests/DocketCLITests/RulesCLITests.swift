import Foundation
import Testing
@testable import DocketCLI

/// Serialized: ArgumentParser builds its messages from shared state and is not made for parsing
/// on several threads at once (the command parses once per process).
@Suite(.serialized) struct RulesCLITests {
    func run(_ line: String) -> (out: String, err: String, status: Int32) {
        RulesCLI.run(line.split(separator: " ").map(String.init))
    }

    @Test(arguments: [
        ("deadline --from 2026-12-05 --days 20", "2026-12-29\n"),
        ("before --date 2027-01-11 --days 14", "2026-12-24\n"),
        ("served --method mail --sent 2026-12-18T10:00", "2026-12-23\n"),
        ("served --method email --sent 2026-12-18T16:00", "2026-12-19\n"),
        ("served --method personal --sent 2026-12-19T10:00", "2026-12-19\n"),
        ("served --method courier --sent 2026-12-21T10:00", "2026-12-29\n"),
        ("issue-date --submitted 2026-12-24T17:30", "2026-12-29\n"),
        ("fee --item claim --prior-claims 10 --on 2026-11-23", "228.00\n"),
        ("fee --item claim --prior-claims 9 --on 2026-11-23", "108.00\n"),
        ("fee --item default-judgment --on 2026-11-23", "94.00\n"),
        ("limit --on 2025-10-01", "50000.00\n"),
        ("limit --on 2025-09-30", "35000.00\n"),
        ("appeal-limit --on 2025-10-01", "5000.00\n"),
        ("limitation --discovered 2024-06-10", "2026-06-10\n"),
    ])
    func answers(line: String, expected: String) {
        let r = run(line)
        #expect(r.out == expected)
        #expect(r.err == "")
        #expect(r.status == 0)
    }

    @Test func holidaysAreOneLinePerDayAscending() {
        let r = run("holidays --year 2027")
        let lines = r.out.split(separator: "\n")
        #expect(lines.first == "2027-01-01\tNew Year's Day")
        #expect(lines.last == "2027-12-28\tBoxing Day (substitute)")
        #expect(lines.map { $0.prefix(10) } == lines.map { $0.prefix(10) }.sorted())
        #expect(r.out.hasSuffix("\n"))
    }

    @Test func jsonNamesTheRuleAndSource() throws {
        let r = run("fee --item claim --prior-claims 10 --on 2026-11-23 --json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(object["amount"] as? String == "228.00")
        #expect(object["frequentClaimant"] as? Bool == true)
        #expect((object["source"] as? String)?.contains("O. Reg. 332/16") == true)
        #expect(object["rule"] != nil)
        let deadline = try #require(try JSONSerialization.jsonObject(with: Data(run("deadline --from 2026-12-05 --days 20 --json").out.utf8)) as? [String: Any])
        #expect(deadline["rule"] as? String == "r. 3.01")
    }

    @Test(arguments: [
        ("deadline --from 2026-13-05 --days 20", "--from"),
        ("deadline --from 2026-12-05 --days -3", "--days"),
        ("deadline --days 3", "--from"),
        ("served --method pigeon --sent 2026-12-18T10:00", "--method"),
        ("served --method mail --sent 2026-12-18", "--sent"),
        ("fee --item lunch --on 2026-11-23", "--item"),
        ("fee --item claim --on 2020-01-01", "--on"),
        ("fee --item claim --prior-claims -1 --on 2026-11-23", "--prior-claims"),
        ("holidays --year 1800", "--year"),
        ("limit --on yesterday", "--on"),
        ("frobnicate", "frobnicate"),
    ])
    func badInputNamesTheArgumentAndExits2(line: String, argument: String) {
        let r = run(line)
        #expect(r.status == 2)
        #expect(r.out == "")
        #expect(r.err.contains(argument), "\(r.err)")
    }

    @Test func helpIsNotAnError() {
        let r = run("--help")
        #expect(r.status == 0)
        #expect(r.out.contains("deadline"))
    }
}

extension RulesCLITests {
    @Test func proclaimedHolidaysMoveDeadlinesAndClosuresMoveOnlyIssueDates() {
        let env = ["DOCKET_SPECIAL_HOLIDAYS": "2026-12-30:Proclaimed day of mourning", "DOCKET_OFFICE_CLOSURES": "2026-12-31"]
        #expect(RulesCLI.run(["deadline", "--from", "2026-12-10", "--days", "20"], environment: env).out == "2026-12-31\n")
        #expect(RulesCLI.run(["deadline", "--from", "2026-12-10", "--days", "20"], environment: [:]).out == "2026-12-30\n")
        // The closure is not a holiday for counting, but nothing is issued that day.
        #expect(RulesCLI.run(["issue-date", "--submitted", "2026-12-29T17:30"], environment: env).out == "2027-01-04\n")
        #expect(RulesCLI.run(["holidays", "--year", "2026"], environment: env).out.contains("2026-12-30\tProclaimed day of mourning"))
    }

    @Test func aBadListNamesTheVariable() {
        let r = RulesCLI.run(["limit", "--on", "2026-01-01"], environment: ["DOCKET_OFFICE_CLOSURES": "2026-12-31,tomorrow"])
        #expect(r.status == 2)
        #expect(r.err.contains("DOCKET_OFFICE_CLOSURES"))
        #expect(r.err.contains("'tomorrow'"))
        let h = RulesCLI.run(["limit", "--on", "2026-01-01"], environment: ["DOCKET_SPECIAL_HOLIDAYS": "2026-02-30:Nope"])
        #expect(h.status == 2)
        #expect(h.err.contains("DOCKET_SPECIAL_HOLIDAYS"))
    }
}
