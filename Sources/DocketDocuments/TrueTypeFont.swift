import Crypto
import Foundation

/// A TrueType font read from its file: the character map, glyph advances and the tables needed to
/// write a subset of it for embedding in a PDF. Only what the PDF writer needs is read.
struct TrueTypeFont: Sendable {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    let bytes: [UInt8]
    /// Byte range of each table in `bytes`, by tag.
    let tables: [String: Range<Int>]
    let postScriptName: String
    let unitsPerEm: Int
    let numGlyphs: Int
    /// Advance width of each glyph, in font units.
    let advances: [UInt16]
    /// Unicode code point → glyph id (cmap format 12 when present, else format 4).
    let glyphIDs: [UInt32: UInt16]
    /// For the font descriptor, in font units.
    let boundingBox: [Int]
    let ascender: Int
    let descender: Int
    let capHeight: Int
    let isBold: Bool
    /// The tables every subset carries unchanged (hinting programs, OS/2, a version 3 post table
    /// without glyph names, the Windows names), with their checksums.
    let fixedTables: (tables: [String: [UInt8]], sums: [String: UInt32])

    init(_ data: Data) throws {
        let b = [UInt8](data)
        bytes = b
        guard b.count >= 12 else { throw Malformed(description: "too short") }
        let version = Self.u32(b, 0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else { throw Malformed(description: "not a TrueType font") }
        let count = Int(Self.u16(b, 4))
        guard b.count >= 12 + 16 * count else { throw Malformed(description: "truncated table directory") }
        var tables: [String: Range<Int>] = [:]
        for i in 0..<count {
            let record = 12 + 16 * i
            let tag = String(decoding: b[record..<(record + 4)], as: UTF8.self)
            let offset = Int(Self.u32(b, record + 8))
            let length = Int(Self.u32(b, record + 12))
            guard offset + length <= b.count else { throw Malformed(description: "table \(tag) outside the file") }
            tables[tag] = offset..<(offset + length)
        }
        for required in ["head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"] where tables[required] == nil {
            throw Malformed(description: "no \(required) table")
        }
        self.tables = tables

        let head = tables["head"]!.lowerBound
        unitsPerEm = Int(Self.u16(b, head + 18))
        boundingBox = [Int(Self.i16(b, head + 36)), Int(Self.i16(b, head + 38)),
                       Int(Self.i16(b, head + 40)), Int(Self.i16(b, head + 42))]
        isBold = Self.u16(b, head + 44) & 1 != 0
        let longOffsets = Self.i16(b, head + 50) == 1
        numGlyphs = Int(Self.u16(b, tables["maxp"]!.lowerBound + 4))
        let hhea = tables["hhea"]!.lowerBound
        ascender = Int(Self.i16(b, hhea + 4))
        descender = Int(Self.i16(b, hhea + 6))
        let metrics = max(1, Int(Self.u16(b, hhea + 34)))

        let hmtx = tables["hmtx"]!
        guard hmtx.count >= 4 * metrics else { throw Malformed(description: "hmtx too short") }
        var advances: [UInt16] = []
        advances.reserveCapacity(numGlyphs)
        for gid in 0..<numGlyphs {
            advances.append(Self.u16(b, hmtx.lowerBound + 4 * min(gid, metrics - 1)))
        }
        self.advances = advances

        let loca = tables["loca"]!
        guard loca.count >= (numGlyphs + 1) * (longOffsets ? 4 : 2) else { throw Malformed(description: "loca too short") }
        glyphIDs = try Self.readCmap(b, tables["cmap"]!, numGlyphs: numGlyphs)
        postScriptName = Self.readPostScriptName(b, tables["name"]) ?? "Font"
        var fixed: [String: [UInt8]] = [:]
        for tag in ["cvt ", "fpgm", "prep", "OS/2"] {
            if let range = tables[tag] { fixed[tag] = Array(b[range]) }
        }
        if let post = tables["post"], post.count >= 32 {
            var table = Array(b[post.lowerBound..<(post.lowerBound + 32)])
            table[0...3] = [0, 3, 0, 0]   // version 3: no glyph names
            fixed["post"] = table
        }
        if let name = tables["name"], let table = Self.windowsNames(b, name) { fixed["name"] = table }
        fixedTables = (fixed, fixed.mapValues { Self.checksum($0[...]) })
        if let os2 = tables["OS/2"], os2.count >= 90, Self.u16(b, os2.lowerBound) >= 2 {
            capHeight = Int(Self.i16(b, os2.lowerBound + 88))
        } else if let h = glyphIDs[0x48] {
            // Before OS/2 version 2 there is no cap height: the top of "H".
            let glyf = tables["glyf"]!.lowerBound
            let at = longOffsets ? Int(Self.u32(b, loca.lowerBound + 4 * Int(h))) : 2 * Int(Self.u16(b, loca.lowerBound + 2 * Int(h)))
            capHeight = glyf + at + 10 <= tables["glyf"]!.upperBound ? Int(Self.i16(b, glyf + at + 8)) : ascender
        } else {
            capHeight = ascender
        }
    }

    // MARK: Reading

    static func u16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) << 8 | UInt16(b[at + 1]) }
    static func i16(_ b: [UInt8], _ at: Int) -> Int16 { Int16(bitPattern: u16(b, at)) }
    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    private static func readCmap(_ b: [UInt8], _ range: Range<Int>, numGlyphs: Int) throws -> [UInt32: UInt16] {
        let base = range.lowerBound
        let count = Int(u16(b, base + 2))
        var format4: Int?
        var format12: Int?
        for i in 0..<count {
            let record = base + 4 + 8 * i
            let platform = u16(b, record), encoding = u16(b, record + 2)
            let offset = base + Int(u32(b, record + 4))
            guard offset + 4 <= range.upperBound else { continue }
            let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
            guard unicode else { continue }
            switch u16(b, offset) {
            case 4 where format4 == nil: format4 = offset
            case 12 where format12 == nil: format12 = offset
            default: break
            }
        }
        var map: [UInt32: UInt16] = [:]
        if let at = format12 {
            let groups = Int(u32(b, at + 12))
            guard at + 16 + 12 * groups <= range.upperBound else { throw Malformed(description: "cmap format 12 truncated") }
            for g in 0..<groups {
                let p = at + 16 + 12 * g
                let first = u32(b, p), last = u32(b, p + 4), glyph = u32(b, p + 8)
                guard first <= last, last <= 0x10FFFF else { continue }
                for c in first...last {
                    let gid = glyph + (c - first)
                    if gid != 0 && gid < numGlyphs { map[c] = UInt16(gid) }
                }
            }
        } else if let at = format4 {
            let segments = Int(u16(b, at + 6)) / 2
            let ends = at + 14, starts = ends + 2 * segments + 2
            let deltas = starts + 2 * segments, rangeOffsets = deltas + 2 * segments
            guard rangeOffsets + 2 * segments <= range.upperBound else { throw Malformed(description: "cmap format 4 truncated") }
            for s in 0..<segments {
                let last = u16(b, ends + 2 * s), first = u16(b, starts + 2 * s)
                let delta = u16(b, deltas + 2 * s), rangeOffset = Int(u16(b, rangeOffsets + 2 * s))
                guard first <= last else { continue }
                for c in first...last where c != 0xFFFF {
                    var gid: UInt16
                    if rangeOffset == 0 {
                        gid = c &+ delta
                    } else {
                        let p = rangeOffsets + 2 * s + rangeOffset + 2 * Int(c - first)
                        guard p + 2 <= range.upperBound else { continue }
                        gid = u16(b, p)
                        if gid != 0 { gid = gid &+ delta }
                    }
                    if gid != 0 && Int(gid) < numGlyphs { map[UInt32(c)] = gid }
                }
            }
        } else {
            throw Malformed(description: "no Unicode cmap of format 4 or 12")
        }
        return map
    }

    private static func readPostScriptName(_ b: [UInt8], _ range: Range<Int>?) -> String? {
        guard let range else { return nil }
        let base = range.lowerBound
        let count = Int(u16(b, base + 2)), storage = base + Int(u16(b, base + 4))
        for i in 0..<count {
            let r = base + 6 + 12 * i
            guard r + 12 <= range.upperBound, u16(b, r + 6) == 6 else { continue }
            let length = Int(u16(b, r + 8)), offset = storage + Int(u16(b, r + 10))
            guard offset + length <= range.upperBound else { continue }
            let raw = Array(b[offset..<(offset + length)])
            let name: String
            if u16(b, r) == 3 || u16(b, r) == 0 {
                name = String(decoding: stride(from: 0, to: raw.count - 1, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) },
                              as: UTF16.self)
            } else {
                name = String(decoding: raw, as: UTF8.self)
            }
            let clean = String(name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && !"[](){}<>/%".unicodeScalars.contains($0) })
            if !clean.isEmpty { return clean }
        }
        return nil
    }

    private var longOffsets: Bool { Self.i16(bytes, tables["head"]!.lowerBound + 50) == 1 }

    /// Where glyph `gid`'s outline lies in `bytes` (empty for a glyph with no outline).
    func glyphRange(_ gid: Int) -> Range<Int> {
        let loca = tables["loca"]!.lowerBound, glyf = tables["glyf"]!
        let start: Int, end: Int
        if longOffsets {
            start = Int(Self.u32(bytes, loca + 4 * gid)); end = Int(Self.u32(bytes, loca + 4 * gid + 4))
        } else {
            start = 2 * Int(Self.u16(bytes, loca + 2 * gid)); end = 2 * Int(Self.u16(bytes, loca + 2 * gid + 2))
        }
        guard start < end, glyf.lowerBound + end <= glyf.upperBound else { return glyf.lowerBound..<glyf.lowerBound }
        return (glyf.lowerBound + start)..<(glyf.lowerBound + end)
    }

    /// The glyphs a composite glyph is built from.
    func components(of gid: Int) -> [Int] {
        componentReferences(in: glyphRange(gid)).map(\.glyph).filter { $0 < numGlyphs }
    }

    /// Where each component's glyph id is written in a composite glyph's outline, and the id.
    private func componentReferences(in range: Range<Int>) -> [(at: Int, glyph: Int)] {
        guard range.count >= 10, Self.i16(bytes, range.lowerBound) < 0 else { return [] }
        var found: [(at: Int, glyph: Int)] = []
        var p = range.lowerBound + 10
        while p + 4 <= range.upperBound {
            let flags = Self.u16(bytes, p)
            found.append((p + 2, Int(Self.u16(bytes, p + 2))))
            p += 4 + (flags & 0x0001 != 0 ? 4 : 2)
            if flags & 0x0008 != 0 { p += 2 } else if flags & 0x0040 != 0 { p += 4 } else if flags & 0x0080 != 0 { p += 8 }
            if flags & 0x0020 == 0 { break }
        }
        return found
    }

    // MARK: Subsetting

    /// `glyphs` with glyph 0 and every component of a composite glyph, recursively.
    func closure(_ glyphs: Set<UInt16>) -> Set<UInt16> {
        var kept: Set<UInt16> = []
        var pending = [0] + glyphs.filter { Int($0) < numGlyphs }.sorted()
        while let gid = pending.popLast() {
            guard kept.insert(gid).inserted else { continue }
            pending += components(of: Int(gid)).map(UInt16.init)
        }
        return kept
    }

    /// Six capital letters naming a subset, taken from the glyphs it holds (the same glyphs give the
    /// same name), as PDF asks for a subset's font name: "ABCDEF+DejaVuSans".
    func subsetName(_ glyphs: Set<UInt16>) -> String {
        var input = Array(postScriptName.utf8)
        for gid in glyphs.sorted() { input += [UInt8(gid >> 8), UInt8(gid & 0xFF)] }
        let digest = Array(SHA256.hash(data: input))
        let tag = digest.prefix(6).map { Character(Unicode.Scalar(UInt8(ascii: "A") + $0 % 26)) }
        return String(tag) + "+" + postScriptName
    }

    /// A subset: the font file and the glyph id each original glyph has in it.
    struct Subset {
        let font: [UInt8]
        let glyphIDs: [UInt16: UInt16]
    }

    /// A font file holding only `glyphs`, glyph 0 and the glyphs composite glyphs among them are
    /// built from, numbered 0, 1, 2, … in the order of their original ids (references inside
    /// composite glyphs are renumbered too). Hinting tables are kept; layout tables (kerning, GPOS,
    /// GSUB) are left out, as the PDF places every glyph itself. `unicode` (code point → original
    /// glyph) becomes the subset's own cmap. The same arguments always give the same bytes.
    func subset(_ glyphs: Set<UInt16>, unicode: [UInt32: UInt16]) -> Subset {
        let order = closure(glyphs).sorted()
        var newIDs: [UInt16: UInt16] = [:]
        for (index, gid) in order.enumerated() { newIDs[gid] = UInt16(index) }
        let count = order.count
        let b = bytes

        // glyf and loca
        var glyf: [UInt8] = []
        var offsets: [Int] = [0]
        for gid in order {
            let range = glyphRange(Int(gid))
            var outline = Array(b[range])
            for (at, component) in componentReferences(in: range) {
                let id = newIDs[UInt16(component)] ?? 0
                outline[at - range.lowerBound] = UInt8(id >> 8); outline[at - range.lowerBound + 1] = UInt8(id & 0xFF)
            }
            glyf += outline
            while glyf.count % 4 != 0 { glyf.append(0) }
            offsets.append(glyf.count)
        }
        let shortLoca = glyf.count <= 0x1FFFE
        var loca: [UInt8] = []
        for offset in offsets {
            if shortLoca { Self.put16(&loca, UInt16(offset / 2)) } else { Self.put32(&loca, UInt32(offset)) }
        }

        // hmtx (a full metric for every glyph), hhea and maxp
        let hhea = tables["hhea"]!, hmtx = tables["hmtx"]!
        let metrics = max(1, Int(Self.u16(b, hhea.lowerBound + 34)))
        var hmtxOut: [UInt8] = []
        for gid in order.map(Int.init) {
            Self.put16(&hmtxOut, advances[gid])
            let at = gid < metrics ? hmtx.lowerBound + 4 * gid + 2 : hmtx.lowerBound + 4 * metrics + 2 * (gid - metrics)
            hmtxOut += at + 2 <= hmtx.upperBound ? Array(b[at..<(at + 2)]) : [0, 0]
        }
        var hheaOut = Array(b[hhea])
        hheaOut[34] = UInt8(count >> 8); hheaOut[35] = UInt8(count & 0xFF)
        var maxp = Array(b[tables["maxp"]!])
        maxp[4] = UInt8(count >> 8); maxp[5] = UInt8(count & 0xFF)
        var head = Array(b[tables["head"]!])
        head[8...11] = [0, 0, 0, 0]
        head[50] = 0; head[51] = shortLoca ? 0 : 1

        var mapping: [UInt32: UInt16] = [:]
        for (code, gid) in unicode where code <= 0xFFFF { if let id = newIDs[gid] { mapping[code] = id } }
        var out: [String: [UInt8]] = [
            "head": head, "hhea": hheaOut, "maxp": maxp, "hmtx": hmtxOut, "loca": loca, "glyf": glyf,
            "cmap": Self.cmap(mapping),
        ]
        out.merge(fixedTables.tables) { new, _ in new }
        let font = Self.assemble(out, sums: fixedTables.sums)
        return Subset(font: font, glyphIDs: newIDs)
    }

    /// The font file: the table directory, then each table padded to four bytes, in tag order,
    /// with head.checkSumAdjustment set so that the whole file sums to 0xB1B0AFBA. Tables whose
    /// checksum is known (those kept whole from the original) are passed in `sums`.
    private static func assemble(_ tables: [String: [UInt8]], sums: [String: UInt32] = [:]) -> [UInt8] {
        let tags = tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var power = 1, log = 0
        while power * 2 <= tags.count { power *= 2; log += 1 }
        var out: [UInt8] = []
        put32(&out, 0x0001_0000)
        put16(&out, UInt16(tags.count)); put16(&out, UInt16(power * 16)); put16(&out, UInt16(log))
        put16(&out, UInt16(tags.count * 16 - power * 16))
        var offset = 12 + 16 * tags.count
        var total: UInt32 = 0
        var headAt: Int?
        for tag in tags {
            let length = tables[tag]!.count
            let sum = sums[tag] ?? checksum(tables[tag]![...])
            total = total &+ sum
            if tag == "head" { headAt = offset }
            out += Array(tag.utf8)
            put32(&out, sum); put32(&out, UInt32(offset)); put32(&out, UInt32(length))
            offset += (length + 3) & ~3
        }
        total = total &+ checksum(out[...])
        out.reserveCapacity(offset)
        for tag in tags {
            out += tables[tag]!
            while out.count % 4 != 0 { out.append(0) }
        }
        if let at = headAt {
            let adjustment = 0xB1B0_AFBA &- total
            out[at + 8] = UInt8(adjustment >> 24); out[at + 9] = UInt8(adjustment >> 16 & 0xFF)
            out[at + 10] = UInt8(adjustment >> 8 & 0xFF); out[at + 11] = UInt8(adjustment & 0xFF)
        }
        return out
    }

    /// The sum of the data as big-endian 32-bit words, the last one padded with zeros.
    static func checksum(_ data: ArraySlice<UInt8>) -> UInt32 {
        data.withUnsafeBufferPointer { p in
            var sum: UInt32 = 0
            let whole = p.count & ~3
            var i = 0
            while i < whole {
                sum = sum &+ (UInt32(p[i]) << 24 | UInt32(p[i + 1]) << 16 | UInt32(p[i + 2]) << 8 | UInt32(p[i + 3]))
                i += 4
            }
            var last: UInt32 = 0
            for k in 0..<4 { last = last << 8 | UInt32(whole + k < p.count ? p[whole + k] : 0) }
            return whole < p.count ? sum &+ last : sum
        }
    }

    /// A cmap with one Windows Unicode (format 4) subtable mapping each code point to its glyph.
    private static func cmap(_ mapping: [UInt32: UInt16]) -> [UInt8] {
        let codes = mapping.keys.sorted()
        var segments: [(start: UInt16, end: UInt16, delta: UInt16)] = []
        for code in codes {
            let c = UInt16(code), delta = mapping[code]! &- c
            if let last = segments.last, last.end &+ 1 == c, last.delta == delta {
                segments[segments.count - 1].end = c
            } else {
                segments.append((c, c, delta))
            }
        }
        segments.append((0xFFFF, 0xFFFF, 1))
        let n = segments.count
        var power = 1, log = 0
        while power * 2 <= n { power *= 2; log += 1 }
        var sub: [UInt8] = []
        put16(&sub, 4); put16(&sub, UInt16(16 + 8 * n)); put16(&sub, 0)
        put16(&sub, UInt16(2 * n)); put16(&sub, UInt16(2 * power)); put16(&sub, UInt16(log)); put16(&sub, UInt16(2 * n - 2 * power))
        for s in segments { put16(&sub, s.end) }
        put16(&sub, 0)
        for s in segments { put16(&sub, s.start) }
        for s in segments { put16(&sub, s.delta) }
        for _ in segments { put16(&sub, 0) }
        var out: [UInt8] = []
        put16(&out, 0); put16(&out, 1)
        put16(&out, 3); put16(&out, 1); put32(&out, 12)
        return out + sub
    }

    /// The name table with only its Windows (platform 3) records, which carry the copyright and
    /// licence notices the font's licence asks every copy to keep.
    private static func windowsNames(_ b: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        let base = range.lowerBound
        guard range.count >= 6 else { return nil }
        let count = Int(u16(b, base + 2)), storage = base + Int(u16(b, base + 4))
        var records: [[UInt8]] = []
        var strings: [UInt8] = []
        for i in 0..<count {
            let r = base + 6 + 12 * i
            guard r + 12 <= range.upperBound, u16(b, r) == 3 else { continue }
            let length = Int(u16(b, r + 8)), offset = storage + Int(u16(b, r + 10))
            guard offset + length <= range.upperBound else { continue }
            var record = Array(b[r..<(r + 8)])
            put16(&record, UInt16(length)); put16(&record, UInt16(strings.count))
            records.append(record)
            strings += b[offset..<(offset + length)]
        }
        guard !records.isEmpty else { return nil }
        var out: [UInt8] = []
        put16(&out, 0); put16(&out, UInt16(records.count)); put16(&out, UInt16(6 + 12 * records.count))
        for record in records { out += record }
        return out + strings
    }

    private static func put16(_ out: inout [UInt8], _ v: UInt16) { out += [UInt8(v >> 8), UInt8(v & 0xFF)] }
    private static func put32(_ out: inout [UInt8], _ v: UInt32) {
        out += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }
}
