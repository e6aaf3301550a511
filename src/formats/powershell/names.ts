import type { Operation } from "../../model/types.js";

/**
 * Approved PowerShell verbs (Get-Verb) for the verbs that start operation keys, longest first so
 * that `createOrUpdate` wins over `create`. A key with any other start gets `Invoke-`.
 */
const VERBS: [prefix: string, verb: string][] = [
  ["createOrUpdate", "Set"],
  ["create", "New"],
  ["update", "Update"],
  ["patch", "Update"],
  ["delete", "Remove"],
  ["remove", "Remove"],
  ["start", "Start"],
  ["stop", "Stop"],
  ["reset", "Reset"],
  ["restart", "Restart"],
  ["get", "Get"],
  ["list", "Get"],
  ["search", "Search"],
];

/**
 * Names that a function parameter must not take: PowerShell's automatic variables, the common
 * parameters of an advanced function, and the locals of a generated function. All are compared
 * without case, as PowerShell does.
 */
const RESERVED_PARAMETERS = new Set(
  [
    "args input host error home pid psitem this matches myinvocation psboundparameters true false",
    "null event eventargs eventsubscriber sender sourceargs sourceeventargs foreach switch",
    "stacktrace lastexitcode profile pwd shellid pscmdlet executioncontext consolefilename",
    "nestedpromptlevel iscoreclr islinux ismacos iswindows ofs psscriptroot pscommandpath",
    "psversiontable pshome psculture psuiculture psdebugcontext pssenderinfo",
    "verbose debug erroraction warningaction informationaction progressaction errorvariable",
    "warningvariable informationvariable outvariable outbuffer pipelinevariable whatif confirm",
    "body request",
  ]
    .join(" ")
    .split(" "),
);

function pascalName(camel: string): string {
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** Names the PowerShell parameter of a camelCase parameter: `assetName` becomes `AssetName`. */
export function psParameterName(camel: string): string {
  const name = /^[0-9]/.test(camel) ? `_${camel}` : pascalName(camel);
  return RESERVED_PARAMETERS.has(name.toLowerCase()) ? `${name}Value` : name;
}

/** Names a function `Verb-MkioNoun` after an approved verb: `createOrUpdateAsset` is `Set-MkioAsset`. */
function verbNounName(key: string): string | undefined {
  for (const [prefix, verb] of VERBS) {
    const rest = key.slice(prefix.length);
    if (key.startsWith(prefix) && /^[A-Z]/.test(rest)) return `${verb}-Mkio${rest}`;
  }
  return undefined;
}

/**
 * Names the function of each operation by key. Two keys whose verb-noun names would be equal
 * without case, such as `getAsset` and `listAsset`, both get `Invoke-Mkio` and the whole key.
 */
export function psFunctionNames(operations: readonly Operation[]): Map<string, string> {
  const proposed = operations.map((operation) => [operation.key, verbNounName(operation.key)]);
  const counts = new Map<string, number>();
  for (const [, name] of proposed) {
    if (name) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  }
  const names = new Map<string, string>();
  for (const [key = "", name] of proposed) {
    const unique = name !== undefined && counts.get(name.toLowerCase()) === 1;
    names.set(key, unique ? name : `Invoke-Mkio${pascalName(key)}`);
  }
  return names;
}
