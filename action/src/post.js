// Post step: undo what main added to the docker config (arrives with the login work).
import * as core from '@actions/core';

export async function run() {
  core.debug('acr-login post: nothing to undo');
}

run();
