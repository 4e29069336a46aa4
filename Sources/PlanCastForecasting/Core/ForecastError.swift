/// Why a model could not be fitted or used. Each case names the series and says what to do.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The series itself is malformed.
  case invalidSeries(String, String)
  /// Too few observations for the model class.
  case tooFewObservations(series: String, model: String, have: Int, need: Int)
  /// Values outside the model's domain (non-positive for a log model, a share outside (0, 1)).
  case outOfDomain(series: String, model: String, String)
  /// Estimation failed numerically.
  case estimationFailed(series: String, model: String, String)
  /// A model option is invalid.
  case invalidOption(String)

  public var description: String {
    switch self {
    case .invalidSeries(let name, let why): "\(name): \(why)"
    case .tooFewObservations(let name, let model, let have, let need):
      "\(name): \(model) needs at least \(need) observations, the series has \(have); "
        + "choose a simpler model or add data"
    case .outOfDomain(let name, let model, let why):
      "\(name): \(model) cannot be used: \(why); choose a model for this kind of series"
    case .estimationFailed(let name, let model, let why): "\(name): \(model) failed: \(why)"
    case .invalidOption(let why): why
    }
  }
}
