"""Runs every `az` command our fixes print through the real Azure CLI's own argument parser.

    npm run audit:az        (installs azure-cli AZ_VERSION into .tools/azcli on first use, ~730 MB)

A fix that names a flag the CLI no longer has (`--region-endpoint-enabled`, found this way) sends
a user from one error to the next. Each command is taken from where users read it: the catalog's
data, the Rust strings outside tests (format placeholders filled), the README, the page and the
action. Placeholders become plausible values, `$(…)` a resource ID, and the command is run with an
empty Azure config directory, so it stops at "Please run 'az login'" once its arguments parse, and
nothing is sent anywhere. What counts as a finding: an argument or command the CLI does not know,
a JSON or JMESPath value it cannot parse. Commands named in prose (`az acr login`, no arguments)
are parsed too, but a missing required argument is not a finding.

Not part of `npm test`: the CLI is a 730 MB install and the run takes about a minute.
Exit status 1 when something is found.
"""
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

AZ_VERSION = '2.91.0'
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, '.tools', 'azcli')
AZ = os.path.join(VENV, 'bin', 'az')

# Top-level groups our texts use; a bare "az" followed by anything else is prose.
GROUPS = ('ad|acr|aks|account|identity|role|login|logout|network|devops|pipelines|containerapp|webapp|'
          'functionapp|group|provider|feature|ml|resource|keyvault|vm|monitor|extension|rest|upgrade|config|'
          'cloud|storage|appservice|deployment|policy|lock|tag|private-dns|image|container|graph|bicep|version')
# Groups that come from extensions, which cannot be installed offline: checked by hand against
# their reference pages instead (acrtransfer's pipelines are subgroups of the core `acr`).
EXTENSIONS = {'ml', 'devops', 'pipelines', 'acr export-pipeline', 'acr import-pipeline', 'acr pipeline-run'}
SKIP = re.compile(r'tests?\.rs$|real_logs|/testdata/|/examples/|www/examples\.js')
FINDING = re.compile(r'unrecognized arguments|is misspelled or not recognized|invalid choice|'
                     r'Failed to parse string as JSON|invalid jmespath')
GUID = '11111111-2222-3333-4444-555555555555'
RESOURCE_ID = f'/subscriptions/{GUID}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myregistry1'


def ensure_cli():
    if os.path.exists(AZ):
        return
    print(f'audit: installing azure-cli {AZ_VERSION} into .tools/azcli', flush=True)
    subprocess.run([sys.executable, '-m', 'venv', VENV], check=True)
    subprocess.run([os.path.join(VENV, 'bin', 'pip'), 'install', '--quiet', '--disable-pip-version-check',
                    f'azure-cli=={AZ_VERSION}'], check=True)


def sources():
    files = (glob.glob(f'{ROOT}/crates/**/*.rs', recursive=True) + glob.glob(f'{ROOT}/crates/core/src/catalog/data/*.txt')
             + [f'{ROOT}/README.md', f'{ROOT}/action.yml'] + glob.glob(f'{ROOT}/www/*.js') + glob.glob(f'{ROOT}/www/*.html')
             + glob.glob(f'{ROOT}/action/src/*.js'))
    return [f for f in files if not SKIP.search(f)]


def commands(path):
    """Each `az <group> …` in the file: to the end of its line, code span or Rust string, with
    quotes and `$(…)` kept whole."""
    rust = path.endswith('.rs')
    text = open(path, encoding='utf-8').read().replace('\\\n', ' ')
    for m in re.finditer(r'(?<![\w/.-])az (?:' + GROUPS + r')\b', text):
        i, quote, depth, out = m.start(), None, 0, []
        while i < len(text):
            ch = text[i]
            if rust and ch == '\\' and i + 1 < len(text):
                if text[i + 1] == 'n':
                    break
                ch = text[i + 1]
                i += 1
            elif rust and ch == '"':
                break
            if ch in '\n`':
                break
            if quote:
                if ch == quote:
                    quote = None
            elif ch in '\'"':
                quote = ch
            elif text.startswith('$(', i):
                depth += 1
            elif ch == ')':
                if depth == 0:
                    break
                depth -= 1
            elif ch in '|;' or text.startswith('&&', i):
                break
            out.append(ch)
            i += 1
        cmd = ''.join(out).strip().rstrip('.,:')
        yield f'{os.path.relpath(path, ROOT)}:{text.count(chr(10), 0, m.start()) + 1}', cmd, rust


def placeholder(m):
    name = m.group(1).upper()
    if re.search(r'REGISTRY|ACR', name) and 'URL' not in name:
        return 'myregistry1'
    if re.search(r'ID$|_ID|CLIENT|APP|TENANT|SUBSCRIPTION|PRINCIPAL|OBJECT', name):
        return GUID
    if re.search(r'RG|GROUP', name):
        return 'rg'
    return 'value1'


def runnable(cmd, rust):
    if rust:
        cmd = cmd.replace('{{', '\0').replace('}}', '\1')
        cmd = re.sub(r'\{(name|registry)\}', 'myregistry1', cmd)
        cmd = re.sub(r'\{acr_scope\}', 'https://containerregistry.azure.net/.default', cmd)
        cmd = re.sub(r'\{[a-z_]*(:[^}]*)?\}', GUID, cmd).replace('\0', '{').replace('\1', '}')
    cmd = re.sub(r'\$\((?:[^()]|\([^()]*\))*\)', RESOURCE_ID, cmd)
    cmd = re.sub(r'<([A-Za-z][A-Za-z0-9_ -]*)>', placeholder, cmd)
    return cmd.replace('***', 'value1').replace('…', '')


def check(item):
    cmd, (where, rust) = item
    try:
        argv = shlex.split(runnable(cmd, rust))
    except ValueError:
        return where, cmd, None  # cut off inside quotes: prose or a multi-line block's first line
    if argv[1] in EXTENSIONS or ' '.join(argv[1:3]) in EXTENSIONS:
        return where, cmd, None
    if argv[:2] == ['az', 'login'] and not {'--service-principal', '--identity'} & set(argv):
        argv.append('--help')  # an interactive login would wait for a browser
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, AZURE_CONFIG_DIR=os.path.join(home, '.azure'),
                   AZURE_CORE_COLLECT_TELEMETRY='false', AZURE_CORE_NO_COLOR='1', AZURE_CORE_ONLY_SHOW_ERRORS='1')
        try:
            r = subprocess.run([AZ] + argv[1:], capture_output=True, text=True, timeout=60, env=env,
                               stdin=subprocess.DEVNULL)
            out = r.stdout + r.stderr
        except subprocess.TimeoutExpired:
            out = 'timed out after 60 s'
    found = FINDING.search(out)
    # `az aks create/update --attach-acr`, "another az acr command": prose naming commands.
    prose = not any(a.startswith('-') for a in argv) or any('/' in a for a in argv[1:3])
    if found and 'not recognized' in found.group(0) and prose:
        found = None
    return where, cmd, out.strip().splitlines()[0] if found else None


def main():
    ensure_cli()
    unique = {}
    for path in sources():
        for where, cmd, rust in commands(path):
            unique.setdefault(cmd, (where, rust))
    with ThreadPoolExecutor(max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(check, unique.items()))
    findings = [r for r in results if r[2]]
    for where, cmd, why in findings:
        print(f'{where}\n  {cmd}\n  -> {why}')
    print(f'audit: {len(results)} distinct az commands checked with azure-cli {AZ_VERSION}; {len(findings)} finding(s)')
    sys.exit(1 if findings else 0)


if __name__ == '__main__':
    main()
