import Foundation
import PlanCastPlan

/// The file formats of `plancast export`.
public enum ExportFormat: String, Sendable, CaseIterable {
  case csv, json, markdown, xlsx

  public var fileExtension: String {
    switch self {
    case .csv: "csv"
    case .json: "json"
    case .markdown: "md"
    case .xlsx: "xlsx"
    }
  }
}

/// Why an export failed. Nothing is written in any case.
public enum ExportError: Error, CustomStringConvertible {
  case write(AtomicFile.WriteError)
  case workbook(XLSXWriter.XLSXError)
  case input(RunManifest.InputError)
  case nothingToExport

  public var description: String {
    switch self {
    case .write(let error): error.description
    case .workbook(let error): "cannot build the workbook: \(error.description)"
    case .input(let error): error.description
    case .nothingToExport: "there is no table to export"
    }
  }
}

/// Writes export tables in one format into a directory, with `manifest.json` beside them, as a
/// single atomic set (``AtomicFile/writeAll(_:overwrite:stager:)``: staged beside the folder and
/// swapped in whole, so that even a kill -9 leaves the old set or the new one).
///
/// Files: CSV, JSON and Markdown give one file per table (`<id>.csv`, …); XLSX gives one
/// workbook `<workbookName>.xlsx` with a sheet per table and a `manifest` sheet.
public struct Exporter: Sendable {
  public let format: ExportFormat
  public let language: Language
  public let directory: String
  /// The workbook's file stem (XLSX only).
  public let workbookName: String

  public static let manifestFile = "manifest.json"

  public init(format: ExportFormat, language: Language, directory: String, workbookName: String) {
    self.format = format
    self.language = language
    self.directory = directory
    self.workbookName = workbookName
  }

  /// The files to write, the manifest last (with the other files' hashes and the tables' notes).
  public func files(_ tables: [ExportTable], manifest: RunManifest) throws(ExportError)
    -> [(name: String, data: Data)]
  {
    guard !tables.isEmpty else { throw .nothingToExport }
    var files: [(name: String, data: Data)] = []
    switch format {
    case .csv:
      for t in tables { files.append(("\(t.id).csv", Data(CSVWriter.render(t.table).utf8))) }
    case .json:
      for t in tables {
        let document = t.json(model: manifest.modelID, language: language)
        files.append(("\(t.id).json", Data((document.render() + "\n").utf8)))
      }
    case .markdown:
      for t in tables {
        var text = "# \(t.title(language))\n\n" + MarkdownTableRenderer.render(t.table)
        if !t.notes.isEmpty {
          text += "\n" + t.notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        files.append(("\(t.id).md", Data(text.utf8)))
      }
    case .xlsx:
      // The attainment sheet (long: a row per target and scenario) is followed by its wide
      // form (a row per target, a column per scenario), as spreadsheet users compare them.
      let sheets =
        tables.flatMap { t in
          [XLSXWriter.Sheet(name: t.id, table: t.table)]
            + (t.id == "attainment"
              ? [
                XLSXWriter.Sheet(
                  name: "attainment_wide", table: AttainmentTables.wide(t.table, language: language)
                )
              ] : [])
        }
        + [XLSXWriter.Sheet(name: "manifest", table: manifest.table(language: language))]
      do {
        files.append(("\(workbookName).xlsx", try XLSXWriter.workbook(sheets)))
      } catch {
        throw .workbook(error)
      }
    }
    var manifest = manifest
    manifest.outputs = files.map { RunManifest.FileHash(path: $0.name, data: $0.data) }
    manifest.notes += tables.flatMap(\.notes)
    files.append((Self.manifestFile, Data((manifest.json().render() + "\n").utf8)))
    return files
  }

  /// Writes the tables and the manifest; returns the paths written.
  @discardableResult
  public func write(
    _ tables: [ExportTable], manifest: RunManifest, overwrite: Bool,
    stager: AtomicFile.Stager = AtomicFile.fileSystem
  ) throws(ExportError) -> [String] {
    let root = URL(fileURLWithPath: directory)
    let items = try files(tables, manifest: manifest).map {
      AtomicFile.Item(path: root.appendingPathComponent($0.name).path, data: $0.data)
    }
    do {
      try AtomicFile.writeAll(items, overwrite: overwrite, stager: stager)
    } catch {
      throw .write(error)
    }
    return items.map(\.path)
  }
}
