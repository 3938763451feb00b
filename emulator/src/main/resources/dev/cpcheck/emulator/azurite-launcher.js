// Written by cpcheck (EmbeddedAzurite): starts Azurite's blob service with the command line it was
// given and lets the process that started it drive it through standard input.
//
// - "accounts <AZURITE_ACCOUNTS value>" on a line of its own replaces the accounts and their keys at
//   once and answers "cpcheck: accounts refreshed". Azurite reads AZURITE_ACCOUNTS again every minute
//   by itself so that keys can be rotated without a restart (Azurite README, "Customized Storage
//   Accounts & Keys"); this only does that refresh now instead of within the minute.
// - The end of standard input (the starting process stopped or died) closes the server as Azurite's
//   own SIGTERM handler does, which saves its metadata (it autosaves only every 5 s), then exits.
'use strict';
const path = require('path');
const main = __AZURITE_MAIN__;

const accountStores = [];
let hookError = null;
try {
  const AccountDataStore = require(path.join(path.dirname(main), '..', 'common', 'AccountDataStore.js')).default;
  const init = AccountDataStore.prototype.init;
  AccountDataStore.prototype.init = function (...args) {
    accountStores.push(this);
    return init.apply(this, args);
  };
} catch (e) {
  hookError = e.message;
}

let listening = false;
let closed = false;
const log = console.log.bind(console);
console.log = (...args) => {
  log(...args);
  const line = String(args[0]);
  if (line.includes('successfully listens on')) {
    listening = true;
  } else if (line.includes('successfully closed')) {
    closed = true;
    process.exit(0);
  }
};

function setAccounts(value) {
  if (hookError !== null || accountStores.length === 0) {
    log('cpcheck: cannot change the accounts: ' + (hookError || 'no account store found in this Azurite'));
    return;
  }
  process.env.AZURITE_ACCOUNTS = value;
  accountStores.forEach((store) => store.refresh());
  log('cpcheck: accounts refreshed');
}

let shuttingDown = false;
function shutdown() {
  if (shuttingDown) {
    return;
  }
  shuttingDown = true;
  if (!listening || closed) {
    process.exit(0);
  }
  process.emit('SIGTERM'); // Azurite's handler closes the server; "successfully closed" then exits
  setTimeout(() => process.exit(0), 10000); // in case the close never finishes
}

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, newline);
    pending = pending.slice(newline + 1);
    if (line.startsWith('accounts ')) {
      setAccounts(line.slice('accounts '.length));
    }
  }
});
process.stdin.on('end', shutdown);
process.stdin.on('error', shutdown);

require(main);
