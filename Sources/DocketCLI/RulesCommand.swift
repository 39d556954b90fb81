import ArgumentParser
import DocketCore
import Foundation

/// `docket rules …`: answers calendar, deadline, fee and limit questions from the rules core, for
/// paralegals and for checking the engine from outside. One answer on standard output; `--json`
/// adds the rule and its source. Bad input: a message naming the argument, exit status 2.
public enum RulesCLI {
    /// Runs the command line `arguments` (after "rules"); returns what to print and the exit status.
    /// Proclaimed holidays and office closures beyond the rule set's own come from
    /// `DOCKET_SPECIAL_HOLIDAYS` and `DOCKET_OFFICE_CLOSURES` in `environment`.
    public static func run(_ arguments: [String], rules base: RuleSet = RuleSets.ontarioSmallClaims,
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> (out: String, err: String, status: Int32) {
        let rules: RuleSet
        switch base.calendar.adding(specialHolidays: environment["DOCKET_SPECIAL_HOLIDAYS"] ?? "",
                                    officeClosures: environment["DOCKET_OFFICE_CLOSURES"] ?? "") {
        case .success(let calendar): rules = base.with(calendar: calendar)
        case .failure(let error):
            return ("", "docket rules: \(error.list.rawValue): '\(error.entry)' is not a date; list dates as YYYY-MM-DD separated by commas\n", 2)
        }
        do {
            let command = try RulesCommand.parseAsRoot(arguments)
            guard let answering = command as? any RulesAnswer else {
                // The group itself, without a question: show its help.
                return (RulesCommand.helpMessage() + "\n", "", 0)
            }
            let answer = try answering.answer(rules)
            return (answering.options.json ? answer.json + "\n" : answer.text + "\n", "", 0)
        } catch let error as RulesInputError {
            return ("", "docket rules: \(error.message)\n", 2)
        } catch {
            let code = RulesCommand.exitCode(for: error)
            let message = RulesCommand.fullMessage(for: error)
            if code == .success { return (message + "\n", "", 0) }
            return ("", "docket rules: " + message + "\n", 2)
        }
    }
}

struct RulesInputError: Error {
    let message: String
}

struct CommonOptions: ParsableArguments {
    @Flag(name: .long, help: "Answer in JSON, naming the rule and its source.")
    var json = false
}

/// One answer: the plain text, and the JSON object with rule and source.
struct Answer {
    let text: String
    let fields: [String: Any]

    var json: String {
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

protocol RulesAnswer: ParsableCommand {
    var options: CommonOptions { get }
    func answer(_ rules: RuleSet) throws -> Answer
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket rules",
        abstract: "Court calendar, deadline, fee and limit answers (Ontario Small Claims Court).",
        subcommands: [Holidays.self, Deadline.self, Before.self, Served.self, IssueDate.self, Fee.self,
                      Limit.self, AppealLimit.self, Limitation.self])
}

// MARK: - Argument readers

func date(_ text: String, _ argument: String) throws -> CivilDate {
    guard let d = CivilDate(text) else {
        throw RulesInputError(message: "\(argument): '\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-05")
    }
    return d
}

func instant(_ text: String, _ argument: String) throws -> Date {
    guard let t = CourtTime.localInstant(text) else {
        throw RulesInputError(message: "\(argument): '\(text)' is not a Toronto date and time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-12-18T10:00")
    }
    return t
}

func days(_ n: Int, _ argument: String) throws -> Int {
    guard (0...3650).contains(n) else {
        throw RulesInputError(message: "\(argument): give a number of days from 0 to 3650")
    }
    return n
}

// MARK: - Subcommands

struct Holidays: RulesAnswer {
    static let configuration = CommandConfiguration(abstract: "Named holidays and substitute days of a year (r. 1.02).")
    @Option(help: "The year, 1900 to 2200.") var year: Int
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        guard (1900...2200).contains(year) else { throw RulesInputError(message: "--year: give a year from 1900 to 2200") }
        let list = rules.calendar.holidays(in: year)
        let text = list.map { "\($0.date)\t\($0.name)\($0.substitute ? " (substitute)" : "")" }.joined(separator: "\n")
        return Answer(text: text, fields: [
            "year": year, "rule": "r. 1.02", "source": "O. Reg. 258/98, r. 1.02 (\"holiday\")",
            "holidays": list.map { ["date": $0.date.description, "name": $0.name, "substitute": $0.substitute] },
        ])
    }
}

struct Deadline: RulesAnswer {
    static let configuration = CommandConfiguration(abstract: "The last day of a period of days after a date (r. 3.01).")
    @Option(help: "The day the period runs from (YYYY-MM-DD).") var from: String
    @Option(help: "The number of days.") var days: Int
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        let start = try date(from, "--from")
        let n = try DocketCLI.days(days, "--days")
        let last = rules.periods.lastDay(from: start, days: n)
        return Answer(text: last.description, fields: [
            "from": start.description, "days": n, "lastDay": last.description, "rule": "r. 3.01",
            "source": "O. Reg. 258/98, r. 3.01: exclude the first day, include the last; a last day on a holiday moves to the next day that is not",
        ])
    }
}

struct Before: RulesAnswer {
    static let configuration = CommandConfiguration(abstract: "The latest day to act at least N days before a date.")
    @Option(help: "The date (YYYY-MM-DD).") var date: String
    @Option(help: "The number of days.") var days: Int
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        let target = try DocketCLI.date(date, "--date")
        let n = try DocketCLI.days(days, "--days")
        let latest = rules.periods.latestDay(before: target, days: n)
        return Answer(text: latest.description, fields: [
            "date": target.description, "days": n, "latestDay": latest.description, "rule": "Docket policy (RULES.md §2)",
            "source": "the rules are silent; Docket counts back N days and moves a holiday to the previous day that is not one",
        ])
    }
}

struct Served: RulesAnswer {
    static let configuration = CommandConfiguration(abstract: "The day service is effective (r. 8).")
    @Option(help: "personal, mail, courier or email.") var method: String
    @Option(help: "When it was sent or done, Toronto time (YYYY-MM-DDTHH:MM).") var sent: String
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        guard let m = ServiceMethod(rawValue: method) else {
            throw RulesInputError(message: "--method: use one of personal, mail, courier, email")
        }
        let at = try instant(sent, "--sent")
        let effective = rules.periods.serviceEffective(m, sent: at)
        return Answer(text: effective.description, fields: [
            "method": m.rawValue, "sent": sent, "effective": effective.description, "rule": m.rule,
            "source": "O. Reg. 258/98, \(m.rule)",
        ])
    }
}

struct IssueDate: RulesAnswer {
    static let configuration = CommandConfiguration(commandName: "issue-date", abstract: "The issue date of a document filed online.")
    @Option(help: "When it was submitted, Toronto time (YYYY-MM-DDTHH:MM).") var submitted: String
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        let at = try instant(submitted, "--submitted")
        let issued = rules.periods.issueDate(submitted: at)
        return Answer(text: issued.description, fields: [
            "submitted": submitted, "issueDate": issued.description, "rule": "online filing business hours (RULES.md §2)",
            "source": "filed on a business day before 17:00 Toronto time: that day; otherwise the next business day",
        ])
    }
}

struct Fee: RulesAnswer {
    static let configuration = CommandConfiguration(abstract: "A clerk's fee (O. Reg. 332/16).")
    @Option(help: "claim, default-judgment, trial, motion, defence, defendants-claim, summons, certificate-of-judgment, writ, garnishment.")
    var item: String
    @Option(name: .customLong("prior-claims"), help: "Claims the filer already filed at that office this calendar year.")
    var priorClaims: Int = 0
    @Option(help: "The filing date (YYYY-MM-DD).") var on: String
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        guard let feeItem = FeeItem(rawValue: item) else {
            throw RulesInputError(message: "--item: use one of " + FeeItem.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard priorClaims >= 0 else { throw RulesInputError(message: "--prior-claims: give 0 or more") }
        let day = try date(on, "--on")
        guard let quote = rules.fee(feeItem, priorClaims: priorClaims, on: day) else {
            throw RulesInputError(message: "--on: Docket has no fee schedule in force on \(day)")
        }
        return Answer(text: quote.amount.description, fields: [
            "item": feeItem.rawValue, "on": day.description, "priorClaims": priorClaims, "amount": quote.amount.description,
            "frequentClaimant": quote.frequent, "rule": "O. Reg. 332/16, s. 1(2)", "source": quote.source,
        ])
    }
}

struct Limit: RulesAnswer {
    static let configuration = CommandConfiguration(abstract: "The monetary limit in force on a date.")
    @Option(help: "The date (YYYY-MM-DD).") var on: String
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        try dated(rules.monetaryLimit, on: date(on, "--on"), name: "limit")
    }
}

struct AppealLimit: RulesAnswer {
    static let configuration = CommandConfiguration(commandName: "appeal-limit", abstract: "The appealable limit in force on a date.")
    @Option(help: "The date (YYYY-MM-DD).") var on: String
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        try dated(rules.appealLimit, on: date(on, "--on"), name: "appealLimit")
    }
}

func dated(_ schedule: Schedule<Money>, on day: CivilDate, name: String) throws -> Answer {
    guard let entry = schedule.on(day) else {
        throw RulesInputError(message: "--on: Docket has no value in force on \(day)")
    }
    return Answer(text: entry.value.description, fields: [
        "on": day.description, name: entry.value.description, "inForceFrom": entry.from.description,
        "rule": entry.source, "source": entry.source,
    ])
}

struct Limitation: RulesAnswer {
    static let configuration = CommandConfiguration(abstract: "The last day to start a claim (Limitations Act, 2002).")
    @Option(help: "The day the claim was discovered (YYYY-MM-DD).") var discovered: String
    @Option(help: "The day of the act or omission, if earlier (YYYY-MM-DD).") var act: String?
    @Option(help: "Today, for the warning (YYYY-MM-DD); defaults to the date in Toronto now.") var today: String?
    @OptionGroup var options: CommonOptions

    func answer(_ rules: RuleSet) throws -> Answer {
        let found = try date(discovered, "--discovered")
        let actDay = try act.map { try date($0, "--act") }
        let now = try today.map { try date($0, "--today") } ?? CivilDate.of(Date())
        let check = rules.limitation(discovered: found, actOn: actDay, today: now)
        return Answer(text: check.lastDay.description, fields: [
            "discovered": found.description, "lastDay": check.lastDay.description, "status": check.status.rawValue,
            "daysLeft": check.daysLeft, "rule": "Limitations Act, 2002, s. 4", "source": check.source,
        ])
    }
}
