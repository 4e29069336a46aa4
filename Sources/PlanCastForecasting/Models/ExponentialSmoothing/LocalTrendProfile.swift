#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Smoothing parameters of the additive-error local (damped) trend recursion.
public struct SmoothingParameters: Sendable, Equatable {
  /// Level smoothing α.
  public var alpha: Double
  /// Trend smoothing β in the innovations form (Hyndman et al. 2008; `β = α·β*` in Holt's form).
  public var beta: Double
  /// Damping φ (1 = undamped).
  public var phi: Double

  public init(alpha: Double, beta: Double, phi: Double) {
    self.alpha = alpha
    self.beta = beta
    self.phi = phi
  }

  /// `φ_h = φ + φ² + … + φ^h`.
  func dampedSum(_ h: Int) -> Double {
    var sum = 0.0
    var power = 1.0
    for _ in 0..<h {
      power *= phi
      sum += power
    }
    return sum
  }

  /// The class-1 variance multiplier of Hyndman et al. (2008, Table 6.1) for ETS(A,Ad,N):
  /// `v_h = 1 + Σ_{j=1}^{h−1} (α + βφ_j)²`, so that `Var(y_{n+h} | x_n) = σ²·v_h`.
  func varianceMultiplier(_ h: Int) -> Double {
    var v = 1.0
    var phiJ = 0.0
    var power = 1.0
    if h > 1 {
      for _ in 1..<h {
        power *= phi
        phiJ += power
        let c = alpha + beta * phiJ
        v += c * c
      }
    }
    return v
  }
}

/// The additive-error local trend model in innovations state-space form (Hyndman, Koehler, Ord
/// & Snyder 2008, *Forecasting with Exponential Smoothing*, §2.5 and Table 2.1), ETS(A,Ad,N):
///
///     y_t = ℓ_{t−1} + φ b_{t−1} + ε_t
///     ℓ_t = ℓ_{t−1} + φ b_{t−1} + α ε_t
///     b_t = φ b_{t−1} + β ε_t
///
/// Simple exponential smoothing with drift (Hyndman & Billah 2003) is the case `φ = 1, β = 0`.
///
/// For fixed `(α, β, φ)` the one-step errors are *linear* in the initial state `x₀ = (ℓ₀, b₀)`:
/// writing `x_t = D x_{t−1} + g y_t` with `D = F − g w'`, `e_t = r_t − X_t x₀`, where `r_t` are the
/// errors from `x₀ = 0` and `X_t = w' D^{t−1}`. This profile solves that least-squares problem
/// exactly (so maximum likelihood needs a numerical search over the smoothing parameters only),
/// and keeps what the predictive distribution needs: the fitted final state, its sensitivity
/// `∂x_n/∂x₀`, `(X'X)⁻¹` and the residual sum of squares. When `knownTrend` is given, `b₀` is
/// fixed and only `ℓ₀` is estimated.
struct LocalTrendProfile: Sendable {
  let parameters: SmoothingParameters
  let count: Int
  /// Number of estimated initial states (1 or 2).
  let freeStates: Int
  let sse: Double
  /// Fitted initial state `(ℓ₀, b₀)`.
  let initialLevel: Double
  let initialTrend: Double
  /// Final state `(ℓ_n, b_n)` at the fitted initial state.
  let finalLevel: Double
  let finalTrend: Double
  /// `∂(ℓ_n, b_n)/∂x₀,free`, row-major 2×k.
  let sensitivity: [Double]
  /// `(X'X)⁻¹`, row-major k×k.
  let inverseGram: [Double]
  /// Lower Cholesky factor of `(X'X)⁻¹`, row-major k×k.
  let inverseGramFactor: [Double]
  let logDeterminantGram: Double

  /// Profiles `y` at `parameters`; nil when the initial states are not identified.
  init?(_ y: [Double], parameters p: SmoothingParameters, knownTrend: Double? = nil) {
    let n = y.count
    let k = knownTrend == nil ? 2 : 1
    let (alpha, beta, phi) = (p.alpha, p.beta, p.phi)
    var sl = 0.0
    var sb = knownTrend ?? 0
    var u1l = 1.0
    var u1b = 0.0
    var u2l = 0.0
    var u2b = 1.0
    var r = [Double](repeating: 0, count: n)
    var x1 = [Double](repeating: 0, count: n)
    var x2 = [Double](repeating: 0, count: n)
    var g11 = 0.0
    var g12 = 0.0
    var g22 = 0.0
    var c1 = 0.0
    var c2 = 0.0
    for t in 0..<n {
      let ps = sl + phi * sb
      let p1 = u1l + phi * u1b
      let p2 = u2l + phi * u2b
      let rt = y[t] - ps
      r[t] = rt
      x1[t] = p1
      x2[t] = p2
      g11 += p1 * p1
      g12 += p1 * p2
      g22 += p2 * p2
      c1 += p1 * rt
      c2 += p2 * rt
      sl = ps + alpha * rt
      sb = phi * sb + beta * rt
      u1l = (1 - alpha) * p1
      u1b = phi * u1b - beta * p1
      u2l = (1 - alpha) * p2
      u2b = phi * u2b - beta * p2
    }
    var est1 = 0.0
    var est2 = 0.0
    if k == 2 {
      let det = g11 * g22 - g12 * g12
      guard det > 1e-14 * g11 * g22, det > 0 else { return nil }
      est1 = (g22 * c1 - g12 * c2) / det
      est2 = (g11 * c2 - g12 * c1) / det
      inverseGram = [g22 / det, -g12 / det, -g12 / det, g11 / det]
      logDeterminantGram = log(det)
      let l11 = inverseGram[0].squareRoot()
      let l21 = inverseGram[2] / l11
      let l22 = Swift.max(0, inverseGram[3] - l21 * l21).squareRoot()
      inverseGramFactor = [l11, 0, l21, l22]
      sensitivity = [u1l, u2l, u1b, u2b]
    } else {
      guard g11 > 0 else { return nil }
      est1 = c1 / g11
      inverseGram = [1 / g11]
      logDeterminantGram = log(g11)
      inverseGramFactor = [(1 / g11).squareRoot()]
      sensitivity = [u1l, u1b]
    }
    var sse = 0.0
    for t in 0..<n {
      let e = r[t] - x1[t] * est1 - (k == 2 ? x2[t] * est2 : 0)
      sse += e * e
    }
    guard sse.isFinite else { return nil }
    self.parameters = p
    self.count = n
    self.freeStates = k
    self.sse = sse
    initialLevel = est1
    initialTrend = knownTrend ?? est2
    finalLevel = sl + u1l * est1 + (k == 2 ? u2l * est2 : 0)
    finalTrend = sb + u1b * est1 + (k == 2 ? u2b * est2 : 0)
  }

  /// Concentrated Gaussian log-likelihood, σ² profiled out as `SSE/n` (the objective of
  /// statsmodels' `ETSModel` and, up to constants, R's `forecast::ets`).
  var logLikelihood: Double { Self.concentratedLogLikelihood(sse: sse, count: count) }

  static func concentratedLogLikelihood(sse: Double, count: Int) -> Double {
    let n = Double(count)
    return -n / 2 * (log(2 * Double.pi * sse / n) + 1)
  }

  /// Log of the likelihood with the initial states and `log σ` integrated out under flat priors:
  /// `−½ log det(X'X) − ((n−k)/2) log SSE` (up to a constant). It is the marginal posterior
  /// density of the smoothing parameters under a flat prior.
  var logIntegratedLikelihood: Double {
    -0.5 * logDeterminantGram - 0.5 * Double(count - freeStates) * log(sse)
  }

  /// Residual degrees of freedom `n − k` of the conditional (given the smoothing parameters)
  /// linear model.
  var degreesOfFreedom: Int { count - freeStates }

  /// `s² = SSE/(n−k)`.
  var residualVariance: Double { sse / Double(degreesOfFreedom) }

  /// Point forecast `ℓ_n + φ_h b_n` on the working scale.
  func location(_ h: Int) -> Double { finalLevel + parameters.dampedSum(h) * finalTrend }

  /// Scale of the Student-t predictive distribution (df `n − k`) of `y_{n+h}` given the
  /// smoothing parameters: `s²·(v_h + c_h'(X'X)⁻¹c_h)`, with `c_h = ∂ŷ_{n+h}/∂x₀`.
  func scale(_ h: Int) -> Double {
    let ph = parameters.dampedSum(h)
    var quad = 0.0
    if freeStates == 2 {
      let ch1 = sensitivity[0] + ph * sensitivity[2]
      let ch2 = sensitivity[1] + ph * sensitivity[3]
      quad =
        ch1 * ch1 * inverseGram[0] + 2 * ch1 * ch2 * inverseGram[1] + ch2 * ch2 * inverseGram[3]
    } else {
      let ch = sensitivity[0] + ph * sensitivity[1]
      quad = ch * ch * inverseGram[0]
    }
    return (residualVariance * (parameters.varianceMultiplier(h) + quad)).squareRoot()
  }

  /// Sum of squared one-step errors at a given initial state (no profiling), with the final
  /// state; used to evaluate another implementation's estimates.
  static func sumOfSquares(
    _ y: [Double], parameters p: SmoothingParameters, level0: Double, trend0: Double
  ) -> (sse: Double, level: Double, trend: Double) {
    var level = level0
    var trend = trend0
    var sse = 0.0
    for value in y {
      let prediction = level + p.phi * trend
      let e = value - prediction
      sse += e * e
      level = prediction + p.alpha * e
      trend = p.phi * trend + p.beta * e
    }
    return (sse, level, trend)
  }
}
