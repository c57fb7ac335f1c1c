# Embark image: compile in one stage, run the compiled JavaScript with production dependencies in another.
#   docker build -t embark .
#   docker run --env-file .env -p 3000:3000 embark
# See "Deploy" in README.md.

# --- Stage 1: install all dependencies (TypeScript is a dev dependency) and compile ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so this layer is reused until package.json or the lockfile changes.
# --ignore-scripts: the only install scripts in the tree build native helpers tsc does not need, and
# Embark's own `prepare` (the build) cannot run before the sources are copied; it runs below.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
# tsconfig.app.json compiles src/ alone (what prepare builds and the image runs); leaving test/ and
# bench/ out keeps this layer cached when only tests change.
COPY tsconfig.json tsconfig.app.json ./
COPY src ./src
RUN npm run build:app

# --- Stage 2: what runs ---
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Probot listens on "localhost" unless HOST is set, which cannot be reached from outside a container.
ENV HOST=0.0.0.0
ENV PORT=3000
COPY package.json package-lock.json ./
# --ignore-scripts here too: `prepare` would compile, and the compiled dist/src is copied in below.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# bundled-templates.ts looks for templates/ next to the nearest package.json above dist/src/, i.e. /app/templates.
COPY app.yml ./
COPY templates ./templates
COPY --from=build /app/dist/src ./dist/src
# Files stay owned by root (read-only for the app); the process runs as the image's unprivileged user.
USER node
EXPOSE 3000
# Liveness: Probot's GET /ping answers PONG. No curl in slim images, so use node's fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping',{signal:AbortSignal.timeout(4000)}).then(r=>r.text()).then(t=>process.exit(t==='PONG'?0:1),()=>process.exit(1))"]
# `probot run` on the compiled entry; nothing is compiled at start-up. node is PID 1 and gets SIGTERM
# directly: Embark then stops taking jobs and finishes running ones before it exits.
CMD ["node", "node_modules/probot/bin/probot.js", "run", "./dist/src/index.js"]
