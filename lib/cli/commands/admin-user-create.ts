import { createUser } from "../../server/users";
import { withAdminContext } from "../admin-session";
import { EXIT_OK, UsageError, parseOptions, type Command } from "../io";

export const command: Command = {
  summary: "Create a console user (password read from standard input, never from the command line).",
  usage: "admin user create --email E --role R [--role R …] [--name N] --password-stdin [--json]",
  async run(args, io) {
    const { values } = parse(args);
    if (!values.email) throw new UsageError("--email is required");
    if (!values.role?.length) throw new UsageError("at least one --role (auditor, oncall, admin) is required");
    if (!values["password-stdin"]) throw new UsageError("--password-stdin is required: pipe the password in");
    const password = (await io.readStdin()).replace(/\r?\n$/, "");
    if (!password) throw new UsageError("no password on standard input");
    return withAdminContext(io, async (ctx) => {
      const user = await createUser(ctx, { email: values.email!, name: values.name ?? "", roles: values.role as never, password });
      io.out(values.json ? JSON.stringify(user) : `Created ${user.email} with roles ${user.roles.join(", ")}.`);
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
      role: { type: "string", multiple: true },
      "password-stdin": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
}
