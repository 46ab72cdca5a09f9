# For people with Docker; the tests don't use it. The app image runs `npm start` against DATABASE_URL.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
RUN apt-get update && apt-get install -y --no-install-recommends openssl && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm install --no-audit --no-fund
COPY . .
RUN npx next build && npx tsx -e 'import("./scripts/build-stamp.ts").then(m => m.recordBuild(m.sourceStamp()))'
EXPOSE 3000
CMD ["npm", "start"]
