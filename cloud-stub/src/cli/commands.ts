// The list of `cloud-stub` sub-commands. Add one import and one call per *.cli.ts file.
import type { Command } from 'commander';
import { register as login } from './login.cli.js';
import { register as dept } from './dept.cli.js';
import { register as member } from './member.cli.js';
import { register as station } from './station.cli.js';
import { register as pile } from './pile.cli.js';
import { register as session } from './session.cli.js';
import { register as vehicle } from './vehicle.cli.js';
import { register as report } from './report.cli.js';
import { register as account } from './account.cli.js';
import { register as serve } from './serve.cli.js';
import { register as broker } from './broker.cli.js';

export function registerCommands(program: Command): void {
  login(program);
  dept(program);
  member(program);
  station(program);
  pile(program);
  session(program);
  vehicle(program);
  report(program);
  account(program);
  serve(program);
  broker(program);
}
