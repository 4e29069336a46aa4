import PlanCastReports

// The table model and its writers live in PlanCastReports so that commands and exports share
// one implementation; these names keep the command code short.
typealias Table = PlanCastReports.Table
typealias Cell = PlanCastReports.Cell
typealias CSVWriter = PlanCastReports.CSVWriter
typealias MarkdownTableRenderer = PlanCastReports.MarkdownTableRenderer
typealias JSONValue = PlanCastReports.JSONValue
typealias DisplayWidth = PlanCastReports.DisplayWidth
