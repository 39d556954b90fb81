import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import DocketApp

/// SQLite's writers take turns in the process instead of spinning on the database's lock.
@Suite struct WritesTests {
    @Test func theGateLetsOneInAtATimeInTheOrderTheyAsked() async throws {
        let gate = WriterGate()
        let order = NIOLockedValueBox<[Int]>([])
        let inside = NIOLockedValueBox((now: 0, most: 0))
        await gate.enter()   // held, so everyone below queues
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...20 {
                group.addTask {
                    await gate.enter()
                    inside.withLockedValue { $0.now += 1; $0.most = max($0.most, $0.now) }
                    order.withLockedValue { $0.append(n) }
                    await Task.yield()
                    inside.withLockedValue { $0.now -= 1 }
                    gate.leave()
                }
                // The next one asks only once this one is waiting, so the order asked is known.
                while gate.waiting < n { await Task.yield() }
            }
            gate.leave()
            try await group.waitForAll()
        }
        #expect(order.withLockedValue { $0 } == Array(1...20))
        #expect(inside.withLockedValue { $0.most } == 1)
        #expect(gate.waiting == 0)
    }

    @Test func aFailedTransactionHandsTheGateOn() async throws {
        try await withDocket { app, _ in
            struct Refused: Error {}
            await #expect(throws: Refused.self) { try await app.write { _ in throw Refused() } }
            // Were the gate still held, this would wait for ever.
            let value = try await app.write { _ in 7 }
            #expect(value == 7)
        }
    }

    @Test func onlySQLiteQueuesItsWriters() async throws {
        try await withDocket { app, _ in
            #expect(app.docket.writes.serialized == (app.docket.settings.databaseURL == nil))
        }
    }
}
