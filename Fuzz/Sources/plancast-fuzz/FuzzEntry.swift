import Foundation
import PlanCastFuzzing

// libFuzzer's entry points. The target comes from PLANCAST_FUZZ_TARGET, the repository (for
// the embedded model) from PLANCAST_REPOSITORY (default: the working directory).
// PLANCAST_FUZZ_WRITE_SEEDS=DIR writes the target's seeds into DIR and libFuzzer's dictionary
// to DIR.dict, then exits; PLANCAST_FUZZ_LIST=1 prints the target names and exits.

nonisolated(unsafe) private var runner: FuzzRunner?

private func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("plancast-fuzz: \(message)\n".utf8))
  exit(2)
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
  let environment = ProcessInfo.processInfo.environment
  if environment["PLANCAST_FUZZ_LIST"] != nil {
    print(FuzzTarget.allCases.map(\.rawValue).joined(separator: "\n"))
    exit(0)
  }
  let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
  guard let name = environment["PLANCAST_FUZZ_TARGET"] else {
    fail("set PLANCAST_FUZZ_TARGET to one of: \(names)")
  }
  guard let target = FuzzTarget(rawValue: name) else {
    fail("unknown target '\(name)'; known: \(names)")
  }
  let repository = URL(
    fileURLWithPath: environment["PLANCAST_REPOSITORY"] ?? FileManager.default.currentDirectoryPath)
  if let directory = environment["PLANCAST_FUZZ_WRITE_SEEDS"] {
    do {
      let folder = URL(fileURLWithPath: directory)
      let inputs =
        try target.seeds(repository: repository) + target.regressions(repository: repository)
      for (index, seed) in inputs.enumerated() {
        try seed.data.write(to: folder.appendingPathComponent("seed-\(index)"))
      }
      let dictionary = ByteMutator.tokens.map { token in
        "\"" + token.utf8.map { String(format: "\\x%02X", $0) }.joined() + "\""
      }
      try Data((dictionary.joined(separator: "\n") + "\n").utf8).write(
        to: URL(fileURLWithPath: directory + ".dict"))
    } catch {
      fail("cannot write the seeds: \(error)")
    }
    exit(0)
  }
  do {
    runner = try FuzzRunner(target: target, repository: repository)
  } catch {
    fail("cannot set up \(name): \(error)")
  }
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  runner?.run(Data(bytes: data, count: size))
  return 0
}
