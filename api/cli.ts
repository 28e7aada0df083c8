import { DatabaseInUseError } from '../db/server-lock.js';
import { PortInUseError, startServer } from './server.js';
import { SERVER_HELP, loadConfig } from './config.js';

const USAGE = `Usage: trackline <command> [options]

Commands:
  server     start the tracking server (trackline server --help for its options)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'server') {
    process.stderr.write(`trackline: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 1;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(SERVER_HELP);
    return 0;
  }
  let config;
  try {
    config = loadConfig(rest);
  } catch (error) {
    process.stderr.write(`trackline: ${(error as Error).message}\n\n${SERVER_HELP}`);
    return 1;
  }
  let server;
  try {
    server = await startServer(config);
  } catch (error) {
    const known = error instanceof PortInUseError || error instanceof DatabaseInUseError;
    process.stderr.write(`trackline: ${known ? error.message : String((error as Error)?.stack ?? error)}\n`);
    return 1;
  }
  const where = /^postgres/.test(config.db) ? config.db.replace(/\/\/[^@]*@/, '//') : config.db;
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        // A second signal: the operator does not want to wait for the in-flight requests.
        process.stderr.write(`trackline: ${signal} again, exiting now\n`);
        process.exit(1);
      }
      stopping = true;
      process.stdout.write(`trackline: ${signal}, finishing in-flight requests\n`);
      server.close().then(resolve, (error) => {
        console.error('trackline: shutdown failed', error);
        resolve();
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    // Announce only once the signals are handled: a supervisor may stop us as soon as it reads this.
    process.stdout.write(`trackline listening on ${server.url}  (GraphiQL: ${server.url}/graphql, database: ${where})\n`);
  });
  process.stdout.write('trackline: stopped\n');
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
