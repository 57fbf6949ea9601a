/** `.helmignore`: keep editor, VCS and CI files out of the packaged chart. */
export const HELMIGNORE = [
  "# Patterns to ignore when packaging the chart.",
  ".DS_Store",
  ".git/",
  ".gitignore",
  "*.swp",
  "*.bak",
  "*.tmp",
  "*.orig",
  "*~",
  ".idea/",
  ".vscode/",
  "ci/",
  "",
].join("\n");
