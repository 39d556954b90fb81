// Deadline computations per second on one core, in a release build:
//   swift run -c release docket-bench-deadlines [count]
// Inputs are drawn before timing (dates 2000–2040, periods of 0–60 days, mixed with "before" and
// month periods), so the loop measures only the rules core.
import DocketCore
import Foundation

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5_000_000
let periods = RuleSets.ontarioSmallClaims.periods
let first = CivilDate("2000-01-01")!.dayNumber
let span = CivilDate("2040-12-31")!.dayNumber - first
let inputs: [(CivilDate, Int)] = {
    var random = SeededGenerator(seed: 0x5EED)
    var list: [(CivilDate, Int)] = []
    list.reserveCapacity(count)
    for _ in 0..<count {
        list.append((CivilDate(dayNumber: first + Int(random.next() % UInt64(span))), Int(random.next() % 61)))
    }
    return list
}()

func measure(_ name: String, _ inputs: [(CivilDate, Int)], _ body: (CivilDate, Int) -> CivilDate) {
    var checksum = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for (from, n) in inputs { checksum &+= body(from, n).dayNumber }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let rate = Double(count) / seconds
    print("\(name): \(Int(rate).formatted()) per second (\(count) in \(String(format: "%.3f", seconds)) s; checksum \(checksum))")
}

measure("lastDay(from:days:) [r. 3.01]", inputs) { periods.lastDay(from: $0, days: $1) }
measure("latestDay(before:days:)", inputs) { periods.latestDay(before: $0, days: $1) }
measure("lastDay(from:months:)", inputs) { periods.lastDay(from: $0, months: $1 % 12) }
