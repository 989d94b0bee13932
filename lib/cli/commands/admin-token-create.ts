import { createApiTokenForUser } from "../../server/tokens";
import { withAdminContext } from "../admin-session";
import { EXIT_OK, UsageError, parseOptions, type Command } from "../io";

export const command: Command = {
  summary: "Create a personal API token for a user; prints the token once.",
  usage: "admin token create --email E --name N [--expires-in-days D] [--json]",
  async run(args, io) {
    const { values } = parse(args);
    if (!values.email || !values.name) throw new UsageError("--email and --name are required");
    const days = values["expires-in-days"] === undefined ? undefined : Number(values["expires-in-days"]);
    if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError("--expires-in-days takes a whole number of days");
    return withAdminContext(io, async (ctx) => {
      const { token, view } = await createApiTokenForUser(ctx, values.email!, { name: values.name!, expiresInDays: days });
      if (values.json) io.out(JSON.stringify({ token, ...view }));
      else {
        io.out(token);
        io.err(`API token "${view.name}" for ${values.email}: shown once above; store it now. Use it as "Authorization: Bearer <token>".`);
      }
      return EXIT_OK;
    });
  },
};

function parse(args: string[]) {
  return parseOptions({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      "expires-in-days": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
}
