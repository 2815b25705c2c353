# Tapback gateway image: docker build -t tapback . (see docs/deploy.md)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Tapback -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# ffmpeg turns voice notes into audio the transcription model takes; Tapback runs without it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The image runs as the unprivileged user app: it must own the data folder, and a new named volume
# takes the owner of the folder it is mounted on (VOLUME alone would leave a root-owned /data).
RUN mkdir -p /data && chown app:app /data
# appsettings.json names Urls (localhost:5000, for a developer's machine). Configuration reads it after
# the ASPNETCORE_-prefixed variables and before the unprefixed ones, so ASPNETCORE_URLS (or the base
# image's ASPNETCORE_HTTP_PORTS) would lose to it and the node would listen on the container's own
# loopback; the unprefixed URLS wins (found by scripts/check-deploy.sh). Listening on every address puts
# Tapback on the network: the phone simulator then takes the admin credential (docs/security.md); give
# the container Tapback__Admin__Token rather than reading a generated token from its log.
ENV URLS=http://0.0.0.0:8080 \
    Tapback__DataDirectory=/data
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
USER app
ENTRYPOINT ["dotnet", "Tapback.dll"]
