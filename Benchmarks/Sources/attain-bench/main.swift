// Full CZT attainment at 10^6 draws, the floors set by random-number throughput and memory
// bandwidth, and the simulation's parameters for the numpy peer.
//
//   swift run -c release --package-path Benchmarks attain-bench            # 10^6 draws, 1 and 2 threads
//   Benchmarks/.build/release/attain-bench --draws 1000000 --threads 1,2 --repetitions 5 --json
//   Benchmarks/.build/release/attain-bench --dump-json /tmp/czt.json       # for attain_peers.py
//   Benchmarks/.build/release/attain-bench --floor                         # RNG and memory floors
import Dispatch
import Foundation
import PlanCastAttainment
import PlanCastForecasting
import PlanCastNumerics
import PlanCastPlan

struct Options {
  var draws = 1_000_000
  var threads = [1, 2]
  var repetitions = 5
  var seed: UInt64 = 20_210_602
  var scenario = "baseline"
  var model: String? = nil
  var dump: String? = nil
  var json = false
  var floor = false
}

func parse() -> Options {
  var o = Options()
  var args = CommandLine.arguments.dropFirst()
  func value() -> String {
    guard let v = args.popFirst() else {
      FileHandle.standardError.write("missing value\n".data(using: .utf8)!)
      exit(2)
    }
    return v
  }
  while let a = args.popFirst() {
    switch a {
    case "--draws": o.draws = Int(value())!
    case "--threads": o.threads = value().split(separator: ",").map { Int($0)! }
    case "--repetitions": o.repetitions = Int(value())!
    case "--seed": o.seed = UInt64(value())!
    case "--scenario": o.scenario = value()
    case "--model": o.model = value()
    case "--dump-json": o.dump = value()
    case "--json": o.json = true
    case "--floor": o.floor = true
    default:
      FileHandle.standardError.write("unknown option \(a)\n".data(using: .utf8)!)
      exit(2)
    }
  }
  return o
}

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// CPU time of the whole process (all threads), to read figures on a loaded machine.
func cpuTime() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func median(_ x: [Double]) -> Double {
  let s = x.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// JSON-ready values with `NSNullMarker.null` → `NSNull`.
func jsonReady(_ value: Any) -> Any {
  switch value {
  case is NSNullMarker: return NSNull()
  case let d as [String: Any]: return d.mapValues(jsonReady)
  case let a as [Any]: return a.map(jsonReady)
  default: return value
  }
}

func writeJSON(_ object: Any, to path: String) throws {
  let data = try JSONSerialization.data(
    withJSONObject: jsonReady(object), options: [.prettyPrinted, .sortedKeys])
  try data.write(to: URL(fileURLWithPath: path))
}

let options = parse()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let modelDirectory = options.model ?? root.appendingPathComponent("Models/czt-2025").path

// MARK: Floors

/// Single-thread Philox throughput and write bandwidth.
func floors(normalsPerDraw: Int, draws: Int) -> [String: Double] {
  var result: [String: Double] = [:]
  let n = 20_000_000
  var sink = 0.0
  for (name, f) in [
    ("ziggurat", { (g: inout Philox) in g.nextZigguratNormal() }),
    ("box_muller", { (g: inout Philox) in g.nextNormal() }),
    ("uniform", { (g: inout Philox) in g.nextUniform() }),
  ] as [(String, (inout Philox) -> Double)] {
    var times: [Double] = []
    for _ in 0..<3 {
      let start = cpuTime()
      // One stream per "draw", as the simulation uses them.
      var stream: UInt64 = 0
      var k = 0
      while k < n {
        var g = Philox(seed: 7, stream: stream)
        for _ in 0..<normalsPerDraw { sink += f(&g) }
        k += normalsPerDraw
        stream += 1
      }
      times.append(cpuTime() - start)
    }
    result[name + "_per_second"] = Double(n) / median(times)
  }
  // Writing the draw store: one array of quantities per target, fresh pages as the engine does.
  let bytes = 5 * draws * 8
  var writeTimes: [Double] = []
  var touchTimes: [Double] = []
  for _ in 0..<3 {
    let count = bytes / 8
    let start = cpuTime()
    let p = UnsafeMutablePointer<Double>.allocate(capacity: count)
    for i in 0..<count { p[i] = Double(i) }
    let middle = cpuTime()
    for i in 0..<count { p[i] = 1.5 }
    let end = cpuTime()
    sink += p[count / 2]
    p.deallocate()
    touchTimes.append(middle - start)
    writeTimes.append(end - middle)
  }
  result["store_bytes"] = Double(bytes)
  result["write_bandwidth_bytes_per_second"] = Double(bytes) / median(writeTimes)
  result["first_touch_seconds"] = median(touchTimes)
  result["rewrite_seconds"] = median(writeTimes)
  if sink == 42 { print("") }
  return result
}

/// Random words (64-bit) a draw consumes, by construction: every shock normal, and per linear
/// model draw one χ² (≈ one normal and one uniform) and one normal per coefficient; the Fisher z
/// of nominal GDP and latent years. Ziggurat normals take ≈ 1.02 words.
func normalsPerDraw(_ d: [String: Any]) -> (shocks: Int, parameters: Int) {
  let dimension = d["dimension"] as! Int
  let years = (d["shock_years"] as! [Int])
  let shocks = dimension * (years[1] - years[0] + 1)
  var parameters = 0
  func lmu(_ u: [String: Any]) -> Int {
    (u["random"] as! Bool) ? 2 + (u["estimated"] as! [Int]).count : 0
  }
  func ar(_ m: [String: Any]) -> Int {
    lmu(m["uncertainty"] as! [String: Any])
      + (m["bridge"] as! [Any]).filter { $0 is NSNullMarker }.count
  }
  for s in d["series"] as! [[String: Any]] {
    let m = s["model"] as! [String: Any]
    switch m["model"] as! String {
    case "ar": parameters += ar(m)
    case "nominal":
      let real = m["real"] as! [String: Any]
      let deflator = m["deflator"] as! [String: Any]
      parameters += ar(real) + ar(deflator) + 1
      parameters += (m["last_year"] as! Int) - (real["last_year"] as! Int)
      parameters += (m["last_year"] as! Int) - (deflator["last_year"] as! Int)
    case "product": break  // rate × resident: its components' draws, none of its own
    case "random_walk": parameters += (m["drift"] as! Bool) ? 2 : 1
    case "energy":
      parameters += lmu(m["uncertainty"] as! [String: Any])
      if let g = m["growth_model"] as? [String: Any] {
        parameters += ar(g) + max(0, (m["last_year"] as! Int) - (g["last_year"] as! Int))
      }
    default: parameters += lmu(m["uncertainty"] as! [String: Any])
    }
  }
  return (shocks, parameters)
}

// MARK: Run

BLASThreads.useCallingThreadUnlessConfigured()
do {
  let loadStart = now()
  let model = try PlanModel.load(directory: modelDirectory)
  guard let scenario = model.scenarios.first(where: { $0.id == options.scenario }) else {
    fatalError("no scenario \(options.scenario)")
  }
  let engine = try AttainmentEngine(model: model)
  let setup = now() - loadStart
  let description = engine.simulationDescription(scenario)
  if let path = options.dump {
    try writeJSON(description, to: path)
    FileHandle.standardError.write("wrote \(path)\n".data(using: .utf8)!)
    exit(0)
  }
  let perDraw = normalsPerDraw(description)
  var report: [String: Any] = [
    "draws": options.draws, "seed": String(options.seed), "scenario": scenario.id,
    "setup_seconds": setup, "shock_normals_per_draw": perDraw.shocks,
    "parameter_variates_per_draw": perDraw.parameters,
  ]
  var runs: [[String: Any]] = []
  for threads in options.threads {
    var times: [Double] = []
    var cpu: [Double] = []
    var last: ScenarioAttainment? = nil
    for _ in 0..<options.repetitions {
      let settings = MonteCarloSettings(draws: options.draws, seed: options.seed, threads: threads)
      let start = now()
      let startCPU = cpuTime()
      let result = engine.run(scenario, settings: settings)
      times.append(now() - start)
      cpu.append(cpuTime() - startCPU)
      last = result
    }
    let probabilities = last!.targets.compactMap { t in
      t.probability.map { (t.target.id, $0, t.monteCarloStandardError!, t.median!) }
    }
    runs.append([
      "threads": threads, "median_seconds": median(times), "times": times,
      "median_cpu_seconds": median(cpu),
      "probabilities": Dictionary(uniqueKeysWithValues: probabilities.map { ($0.0, $0.1) }),
      "standard_errors": Dictionary(uniqueKeysWithValues: probabilities.map { ($0.0, $0.2) }),
      "medians": Dictionary(uniqueKeysWithValues: probabilities.map { ($0.0, $0.3) }),
    ])
    if !options.json {
      print(
        "threads \(threads): median \(String(format: "%.3f", median(times))) s over "
          + "\(options.repetitions) runs of \(options.draws) draws ("
          + times.map {
            String(format: "%.3f", $0)
          }.joined(separator: ", ") + "); CPU time (all threads) "
          + String(format: "%.3f", median(cpu)) + " s")
      for (id, p, se, m) in probabilities {
        print(
          "  \(id)  P = \(String(format: "%.4f", p)) ± \(String(format: "%.4f", se))  median \(m)")
      }
    }
  }
  report["runs"] = runs
  if options.floor {
    let f = floors(normalsPerDraw: perDraw.shocks, draws: options.draws)
    report["floor"] = f
    let variates = Double(perDraw.shocks + perDraw.parameters)
    let rngSeconds = variates * Double(options.draws) / f["ziggurat_per_second"]!
    report["rng_floor_seconds_single_thread"] = rngSeconds
    if !options.json {
      print(
        "floor: Philox ziggurat \(String(format: "%.1f", f["ziggurat_per_second"]! / 1e6)) M normals/s, "
          + "Box–Muller \(String(format: "%.1f", f["box_muller_per_second"]! / 1e6)) M/s, "
          + "uniform \(String(format: "%.1f", f["uniform_per_second"]! / 1e6)) M/s (one thread)")
      print(
        "  variates per draw: \(perDraw.shocks) shock normals + ≈\(perDraw.parameters) for "
          + "parameters → RNG floor \(String(format: "%.3f", rngSeconds)) s single thread for "
          + "\(options.draws) draws")
      print(
        "  draw store \(String(format: "%.0f", f["store_bytes"]! / 1e6)) MB: first touch "
          + "\(String(format: "%.3f", f["first_touch_seconds"]!)) s, rewrite "
          + "\(String(format: "%.3f", f["rewrite_seconds"]!)) s "
          + "(\(String(format: "%.1f", f["write_bandwidth_bytes_per_second"]! / 1e9)) GB/s)")
    }
  }
  if options.json {
    let data = try JSONSerialization.data(
      withJSONObject: jsonReady(report), options: [.sortedKeys])
    print(String(data: data, encoding: .utf8)!)
  } else {
    print("setup (load + fit): \(String(format: "%.3f", setup)) s")
  }
} catch {
  FileHandle.standardError.write("attain-bench: \(error)\n".data(using: .utf8)!)
  exit(1)
}
