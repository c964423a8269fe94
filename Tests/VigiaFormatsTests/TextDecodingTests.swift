import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// The encodings offices save text in, each with LF, CRLF and CR line ends: the same plan and
/// the same program come out.
@Suite("Text files in every encoding Excel and editors write")
struct TextDecodingTests {
    enum Encoding: String, CaseIterable, CustomTestStringConvertible {
        case utf8, utf8BOM, utf16LE, utf16BE, windows1252
        var testDescription: String { rawValue }

        func bytes(_ text: String) -> Data {
            switch self {
            case .utf8: Data(text.utf8)
            case .utf8BOM: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
            case .utf16LE: Data([0xFF, 0xFE]) + Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            case .utf16BE: Data([0xFE, 0xFF]) + Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
            case .windows1252: text.data(using: .windowsCP1252)!
            }
        }
    }

    static let cases: [(Encoding, String)] = Encoding.allCases.flatMap { e in ["\n", "\r\n", "\r"].map { (e, $0) } }

    func sample(_ name: String) throws -> String { try String(contentsOf: Seeds.sample(name), encoding: .utf8) }

    @Test(arguments: cases)
    func thePlanReadsTheSame(encoding: Encoding, lineEnd: String) throws {
        let text = try sample("plan-mejoramiento-demo.tsv")
        let decoded = try #require(TextDecoding.decode(encoding.bytes(text.replacingOccurrences(of: "\n", with: lineEnd))))
        #expect(try PlanImporter.importPlan(text: decoded).plan == PlanImporter.importPlan(text: text).plan)
    }

    @Test(arguments: cases)
    func theProgramReadsTheSame(encoding: Encoding, lineEnd: String) throws {
        let text = try sample("seguimiento-paac-demo-2026-c2.txt")
        // A character Windows-1252 cannot hold is dropped from that copy (Excel would write "?").
        var source = text
        if encoding == .windows1252 {
            source = String(String.UnicodeScalarView(text.unicodeScalars.filter { String($0).data(using: .windowsCP1252) != nil }))
        }
        let bytes = encoding.bytes(source.replacingOccurrences(of: "\n", with: lineEnd))
        let decoded = try #require(TextDecoding.decode(bytes))
        #expect(try ProgramImporter.importProgram(text: decoded).program == ProgramImporter.importProgram(text: source).program)
    }

    @Test func accentsSurviveEachEncoding() {
        for e in Encoding.allCases {
            #expect(TextDecoding.decode(e.bytes("Secretaría de Planeación · ñ")) == "Secretaría de Planeación · ñ", "\(e)")
        }
    }

    @Test func whatIsNotTextIsRefused() {
        #expect(TextDecoding.decode(Data([0xFF, 0xFE, 0x41])) == nil)              // odd UTF-16
        #expect(TextDecoding.decode(Data([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])) == nil)  // unpaired surrogate
        #expect(TextDecoding.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x81, 0x8D])) == nil)  // a ZIP (xlsx) header with undefined bytes
    }

    @Test func randomBytesNeverTrap() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let n = Int.random(in: 0..<64, using: &g)
            var bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
            if Bool.random(using: &g) { bytes = [0xFF, 0xFE] + bytes }
            _ = TextDecoding.decode(Data(bytes))
        }
    }
}
