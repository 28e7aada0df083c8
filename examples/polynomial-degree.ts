/**
 * The seed workflow: which polynomial degree fits y = x² + noise best?
 *
 * 500 points x ~ U(0.1, 10), y = x² + N(0, 2²), from a seeded generator so every run gives the same
 * numbers; an 80/20 train/test split; for degree 1..10 a polynomial regression fit
 * (ml-regression-polynomial), one run each with param `degree`, metrics `mse` (test) and
 * `train_mse`, the fitted model as artifact model/model.json, and tags. Then a table, the best
 * degree, and where to look at it in the dashboard.
 *
 *   npm start                 # a server on http://127.0.0.1:5000 (or set TRACKLINE_URL)
 *   npm run example
 */
import { PolynomialRegression } from 'ml-regression-polynomial';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
// In your own project: import { connect } from 'trackline/sdk';
import { TracklineError, connect } from '../client/sdk/index.js';

const SEED = 42;
const POINTS = 500;
const NOISE_SD = 2;
const DEGREES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const EXPERIMENT = process.env.TRACKLINE_EXPERIMENT ?? 'polynomial-degree';

interface Dataset {
  x: number[];
  y: number[];
}

/** y = x² + N(0, NOISE_SD²) at x ~ U(0.1, 10); Box-Muller turns two uniforms into a normal draw. */
function makeData(seed: number, n: number): Dataset {
  const rng = xoroshiro128plus(seed);
  const uniform = () => uniformFloat64(rng);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = 0.1 + 9.9 * uniform();
    const normal = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    x.push(xi);
    y.push(xi * xi + NOISE_SD * normal);
  }
  return { x, y };
}

/** The points are drawn independently, so the first 80% against the last 20% is a random split. */
function split(data: Dataset, trainShare: number): { train: Dataset; test: Dataset } {
  const cut = Math.round(data.x.length * trainShare);
  return {
    train: { x: data.x.slice(0, cut), y: data.y.slice(0, cut) },
    test: { x: data.x.slice(cut), y: data.y.slice(cut) },
  };
}

function meanSquaredError(model: PolynomialRegression, data: Dataset): number {
  const squared = data.x.map((x, i) => (model.predict(x) - (data.y[i] as number)) ** 2);
  return squared.reduce((sum, e) => sum + e, 0) / squared.length;
}

async function main(): Promise<void> {
  const tl = connect();
  const experiment = await tl.setExperiment(EXPERIMENT);
  const { train, test } = split(makeData(SEED, POINTS), 0.8);
  const results: { degree: number; mse: number; trainMse: number }[] = [];

  for (const degree of DEGREES) {
    await tl.withRun(
      { experiment, name: `degree-${degree}`, tags: { model: 'polynomial-regression', dataset: `x^2+N(0,${NOISE_SD}^2) seed ${SEED}` } },
      async (run) => {
        await run.logParams({ degree, seed: SEED, train_size: train.x.length, test_size: test.x.length });
        const model = new PolynomialRegression(train.x, train.y, degree);
        const mse = meanSquaredError(model, test);
        const trainMse = meanSquaredError(model, train);
        run.logMetrics({ mse, train_mse: trainMse }, { step: 0 });
        await run.logModel(
          { ...model.toJSON(), metadata: { library: 'ml-regression-polynomial', trainMse, testMse: mse, seed: SEED } },
          { name: 'model', flavor: 'polynomial', metadata: { degree } },
        );
        results.push({ degree, mse, trainMse });
      },
    );
  }

  const best = results.reduce((a, b) => (b.mse < a.mse ? b : a));
  console.log('degree   test MSE   train MSE');
  for (const r of results) console.log(`${String(r.degree).padStart(6)}   ${r.mse.toFixed(3).padStart(8)}   ${r.trainMse.toFixed(3).padStart(9)}`);
  console.log(`best degree: ${best.degree} (test MSE ${best.mse.toFixed(3)})`);
  console.log(`dashboard: ${tl.dashboardUrl(experiment)}`);
}

await main().catch((error: unknown) => {
  console.error(`polynomial-degree: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof TracklineError && error.code === 'NETWORK') console.error('Is the server running? Start it with `npm start`, or set TRACKLINE_URL.');
  process.exitCode = 1;
});
