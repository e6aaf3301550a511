import type { SessionModel } from "../../model/types.js";
import { renderTemplate } from "../../render/handlebars.js";
import type { Format, RenderOptions } from "../format.js";
import { escapeUrlText } from "./escape.js";
import { requestView } from "./request.js";
import { BASE_URL_VARIABLE, planVariables, TOKEN_VARIABLE } from "./variables.js";

/** Builds the view of the `.http` file; every string in it is already escaped for the file. */
export function httpView(session: SessionModel, options: RenderOptions) {
  const plan = planVariables(session);
  const operations = new Map(session.operations.map((operation) => [operation.key, operation]));
  return {
    callCount: session.calls.length,
    // NOTE: no form gives the base URL this default and an override from the environment. Neither
    // runner falls back when a variable is unset, and both prefer a file variable to their
    // environments (httpyac 6.16 even to `--var`), so the user edits the line or converts again.
    baseUrl: `@${BASE_URL_VARIABLE} = ${escapeUrlText(options.baseUrl)}`,
    token: `@${TOKEN_VARIABLE} = {{$processEnv MKIO_TOKEN}}`,
    variables: plan.definitions,
    inlined: plan.inlined,
    secrets: plan.secrets,
    requests: session.calls.flatMap((call) => {
      const operation = operations.get(call.operationKey);
      return operation ? [requestView(operation, call, plan)] : [];
    }),
  };
}

/** The `.http` format of the VS Code REST Client, which httpyac also runs. */
export const httpFormat: Format = {
  fileName: "requests.http",
  async render(session, options) {
    const view = httpView(session, options);
    return { main: await renderTemplate("http/requests.http.hbs", view, {}, options.templatesDir) };
  },
};
