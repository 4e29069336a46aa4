import Foundation
import Testing

@testable import PlanCastFuzzing

/// The suite's short fuzz run: every parser gets its seeds and a few thousand seeded mutations
/// of them: the same targets that `scripts/fuzz.sh` runs under libFuzzer for 10^6 inputs each.
/// A trap ends the test process, so a crash fails the suite; an input that once crashed goes into
/// `Fuzz/Corpus/<target>/` and is replayed here from then on.
@Suite struct FuzzShortRunTests {
  static var repository: URL {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static let mutationsPerTarget = 20_000

  @Test(arguments: FuzzTarget.allCases)
  func mutatedInputsParseOrAreRefused(target: FuzzTarget) throws {
    let seeds = try target.seeds(repository: Self.repository)
    try #require(!seeds.isEmpty, "\(target.rawValue) has no seeds")
    let runner = try FuzzRunner(target: target, repository: Self.repository)
    // Every seed is a valid input, so it must parse: the harness does reach the parser.
    for seed in seeds {
      #expect(throws: Never.self, "\(target.rawValue): seed \(seed.name)") {
        try runner.parse(seed.data)
      }
    }
    // Inputs that once crashed it are refused with an error.
    for input in try target.regressions(repository: Self.repository) {
      #expect(!runner.run(input.data), "\(target.rawValue): \(input.name) is accepted")
    }
    var mutator = ByteMutator(seed: 20_261_206 &+ UInt64(target.rawValue.utf8.count))
    var accepted = 0
    for _ in 0..<Self.mutationsPerTarget {
      let base = seeds[Int.random(in: 0..<seeds.count, using: &mutator.generator)].data
      let donor = seeds[Int.random(in: 0..<seeds.count, using: &mutator.generator)].data
      if runner.run(mutator.mutate(base, splicing: donor)) { accepted += 1 }
    }
    // Mutants both accepted and refused: the mutations reach past the first check.
    #expect(accepted > 0, "\(target.rawValue): every mutant refused")
    #expect(accepted < Self.mutationsPerTarget, "\(target.rawValue): no mutant refused")
  }

  @Test func theSameSeedGivesTheSameMutants() {
    var a = ByteMutator(seed: 7)
    var b = ByteMutator(seed: 7)
    let seed = Data("year,value\n2020,1.5\n".utf8)
    for _ in 0..<100 { #expect(a.mutate(seed, splicing: seed) == b.mutate(seed, splicing: seed)) }
  }
}
