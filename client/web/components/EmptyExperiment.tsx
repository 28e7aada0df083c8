/** What an experiment without runs shows: the lines that log a first run here, in TypeScript and Python. */
export function EmptyExperiment(props: { experimentName: string }) {
  const url = () => location.origin;
  const name = () => JSON.stringify(props.experimentName);
  return (
    <div class="empty-experiment" data-testid="empty-experiment">
      <h2>No runs yet</h2>
      <p>Log a first run to this server from a script; it shows up here as it trains.</p>
      <div class="snippets">
        <section>
          <h3>TypeScript (trackline/sdk)</h3>
          <pre>
            <code>{`import { connect } from 'trackline/sdk';

const tl = connect({ url: '${url()}' });
const exp = await tl.setExperiment(${name()});
await tl.withRun({ experiment: exp }, async (run) => {
  await run.logParams({ lr: 0.01 });
  for (let step = 0; step < 100; step++) {
    run.logMetric('loss', 1 / (step + 1), { step });
  }
});`}</code>
          </pre>
        </section>
        <section>
          <h3>Python (the MLflow client)</h3>
          <pre>
            <code>{`import mlflow

mlflow.set_tracking_uri("${url()}")
mlflow.set_experiment(${name()})
with mlflow.start_run():
    mlflow.log_param("lr", 0.01)
    for step in range(100):
        mlflow.log_metric("loss", 1 / (step + 1), step=step)`}</code>
          </pre>
        </section>
      </div>
    </div>
  );
}
