import Foundation
import Testing

/// The Jupyter notebooks in Notebooks/: committed without outputs, and run headless (nbclient,
/// kernel python3) against the `plancast` built with these tests, so that a broken notebook
/// fails the test suite. Needs `python3 -m pip install -r Notebooks/requirements.txt`.
@Suite struct NotebookTests {
  static let folder = PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Notebooks")
  static let expected = [
    "01-attainment-overview.ipynb", "02-projections-and-scenarios.ipynb",
    "03-sensitivity.ipynb", "04-backtests.ipynb",
  ]

  static func script(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// Runs `python3 ARGUMENTS` with `PLANCAST` set to the executable built with the tests.
  static func python(_ arguments: [String]) throws -> ExportTestTools.Output {
    let plancast = PlanCommandTestSupport.productsDirectory.appendingPathComponent("plancast")
    return try ExportTestTools.run("env", ["PLANCAST=\(plancast.path)", "python3"] + arguments)
  }

  @Test func notebooksAreCommittedWithoutOutputs() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasSuffix(".ipynb") }.sorted()
    #expect(names == Self.expected)
    for name in names {
      let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
      let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let cells = try #require(notebook["cells"] as? [[String: Any]], "\(name) has no cells")
      #expect(cells.count > 3, "\(name)")
      for (index, cell) in cells.enumerated() where cell["cell_type"] as? String == "code" {
        #expect((cell["outputs"] as? [Any])?.isEmpty == true, "\(name) cell \(index) has outputs")
        #expect(cell["execution_count"] is NSNull, "\(name) cell \(index) was executed")
      }
      let kernel = (notebook["metadata"] as? [String: Any])?["kernelspec"] as? [String: Any]
      #expect(kernel?["name"] as? String == "python3", "\(name) kernel")
    }
    let check = try Self.python([Self.script("strip_outputs.py"), "--check"])
    #expect(check.status == 0, "\(check.stderr)")
  }

  @Test func stripOutputsFindsAndClearsOutputs() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let copy = dir.appendingPathComponent("run.ipynb")
    var notebook = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: Self.folder.appendingPathComponent(Self.expected[0])))
        as? [String: Any])
    var cells = try #require(notebook["cells"] as? [[String: Any]])
    let code = try #require(cells.firstIndex { $0["cell_type"] as? String == "code" })
    cells[code]["outputs"] = [["output_type": "stream", "name": "stdout", "text": ["hello\n"]]]
    cells[code]["execution_count"] = 3
    notebook["cells"] = cells
    try JSONSerialization.data(withJSONObject: notebook).write(to: copy)
    let dirty = try Self.python([Self.script("strip_outputs.py"), "--check", copy.path])
    #expect(dirty.status == 1 && dirty.stderr.contains("run.ipynb (cells \(code))"))
    let strip = try Self.python([Self.script("strip_outputs.py"), copy.path])
    #expect(strip.status == 0 && strip.stdout.contains("stripped run.ipynb"))
    let clean = try Self.python([Self.script("strip_outputs.py"), "--check", copy.path])
    #expect(clean.status == 0, "\(clean.stderr)")
    #expect(try ExportTestTools.listing(dir) == ["run.ipynb"], "no temporary file left")
  }

  @Test func runnerNamesTheFailingNotebookAndCell() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let broken = dir.appendingPathComponent("broken.ipynb")
    let cells: [[String: Any]] = [
      ["cell_type": "markdown", "metadata": [:], "source": "# broken"],
      [
        "cell_type": "code", "metadata": [:], "outputs": [], "execution_count": NSNull(),
        "source": "x = 1",
      ],
      [
        "cell_type": "code", "metadata": [:], "outputs": [], "execution_count": NSNull(),
        "source": "raise ValueError('boom from the test')",
      ],
      [
        "cell_type": "code", "metadata": [:], "outputs": [], "execution_count": NSNull(),
        "source": "open('\(dir.path)/after', 'w').write('ran')",
      ],
    ]
    let notebook: [String: Any] = [
      "cells": cells, "nbformat": 4, "nbformat_minor": 5,
      "metadata": [
        "kernelspec": ["name": "python3", "display_name": "Python 3", "language": "python"]
      ],
    ]
    try JSONSerialization.data(withJSONObject: notebook).write(to: broken)
    let result = try Self.python([Self.script("run_all.py"), broken.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("FAILED broken.ipynb: cell 2 (code cell 2"), "\(result.stderr)")
    #expect(result.stderr.contains("boom from the test"))
    #expect(result.stderr.contains("1 of 1 notebooks failed: broken.ipynb"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("after").path))
    let missing = try Self.python([
      Self.script("run_all.py"), dir.appendingPathComponent("no.ipynb").path,
    ])
    #expect(missing.status == 2 && missing.stderr.contains("no such notebook"))
  }

  /// Every notebook, headless, with fresh exports from this build's `plancast`.
  @Test func everyNotebookRunsHeadless() throws {
    let figures = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: figures) }
    let result = try Self.python([Self.script("run_all.py"), "--figures", figures.path])
    #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
    #expect(result.stdout.contains("all 4 notebooks ran without error"))
    let pngs = try ExportTestTools.listing(figures)
    for figure in [
      "01-dashboard.png", "01-intervals.png", "02-fans.png", "02-areas.png", "02-scenarios.png",
      "04-models.png", "04-origins.png",
    ] {
      #expect(pngs.contains(figure), "\(figure) missing from \(pngs)")
    }
    // Figures are drawn, not blank: many colours, the status colours on the dashboard.
    try ExportTestTools.python(
      """
      import sys
      from PIL import Image
      folder = sys.argv[1]
      for name in ['01-dashboard.png', '02-fans.png', '04-origins.png']:
          im = Image.open(f'{folder}/{name}').convert('RGB')
          colours = im.getcolors(maxcolors=1 << 20)
          assert colours is not None and len(colours) > 30, (name, len(colours or []))
      im = Image.open(f'{folder}/01-dashboard.png').convert('RGB')
      green = sum(1 for (r, g, b) in im.getdata() if (r, g, b) == (0x2e, 0x7d, 0x32))
      assert green > 1000, green
      """, [figures.path])
  }
}
