import Fluent
import NIOConcurrencyHelpers
import Vapor

/// The way every write transaction starts. SQLite lets one connection write at a time, and its
/// driver's busy handler retries a refused lock at once, without sleeping, so two transactions on
/// two connections make one of them spin on a core until the other commits. On SQLite, Docket
/// therefore lets one write transaction in at a time, in the order they asked, and the others wait
/// without using the processor; reads are not held up (WAL). The transaction then runs on
/// Docket's own writer connection (`SQLiteWriter`), its statements where its code runs.
/// PostgreSQL locks rows and cases itself, so there the transactions go straight through. A turn is not re-entrant: code inside a
/// write is given the transaction's database and never starts another write (it would wait for
/// the turn its caller holds; a task-local flag set around the turn is not seen inside Fluent's
/// transaction body, so this cannot be detected here).
final class Writes: Sendable {
    private let gate: WriterGate?

    init(serialized: Bool) {
        gate = serialized ? WriterGate() : nil
    }

    /// Whether write transactions wait their turn here (SQLite).
    var serialized: Bool { gate != nil }

    /// Runs `body` in a transaction on `db`, after the transactions already waiting.
    func transaction<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let gate else { return try await db.transaction(body) }
        await gate.enter()
        defer { gate.leave() }
        if !db.inTransaction, let file = SQLiteFile.of(db) { return try await file.writer.transaction(on: db, body) }
        return try await db.transaction(body)
    }

    /// Runs `body`, writes that need no transaction (a draft saved, a session touched), when no
    /// write transaction holds SQLite's lock, so they do not spin on it either.
    func autocommit<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let gate else { return try await body(db) }
        await gate.enter()
        defer { gate.leave() }
        return try await body(db)
    }
}

/// A first-come, first-served lock for async code: `enter` waits (suspended, not spinning) until
/// every earlier caller has left.
final class WriterGate: Sendable {
    private struct State {
        var held = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLockedValue { s -> Bool in
                if s.held {
                    s.waiting.append(continuation)
                    return false
                }
                s.held = true
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    /// Hands the gate to the next caller in line, or opens it.
    func leave() {
        let next = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            if !s.waiting.isEmpty { return s.waiting.removeFirst() }
            s.held = false
            return nil
        }
        next?.resume()
    }

    /// How many callers are waiting (for tests).
    var waiting: Int { state.withLockedValue { $0.waiting.count } }
}

extension Application {
    /// Runs `body` in a write transaction (see `Writes`).
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await docket.writes.transaction(on: db, body)
    }
}

extension Request {
    /// Runs `body` in a write transaction on this request's database (see `Writes`).
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await docket.writes.transaction(on: db, body)
    }

    /// Runs `body`, writes outside a transaction, in its turn (see `Writes.autocommit`).
    func autocommit<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await docket.writes.autocommit(on: db, body)
    }
}
