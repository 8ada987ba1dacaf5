# syntax=docker/dockerfile:1
# Build: the Maven wrapper builds the hub jar, the console and the connector plugins.
FROM eclipse-temurin:17-jdk AS build
# The Maven wrapper fetches Maven with curl.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

# Run: a JRE, the hub jar and its plugins directory; data (embedded PostgreSQL, keys) in a volume.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/slx --shell /usr/sbin/nologin slx \
 && mkdir -p /var/lib/slx /opt/slx/plugins \
 && chown slx:slx /var/lib/slx /opt/slx/plugins
COPY --from=build /src/hub/target/slx-hub.jar /opt/slx/slx-hub.jar
# Owned by the hub's user: admins upload, upgrade and remove plugins at run time.
COPY --from=build --chown=slx:slx /src/hub/target/plugins/ /opt/slx/plugins/
ENV SLX_DATA_DIR=/var/lib/slx \
    SLX_PLUGINS_DIR=/opt/slx/plugins \
    SLX_HTTP_HOST=0.0.0.0 \
    SLX_HTTP_PORT=8080
# A new plugins volume starts with the bundled plugins; uploaded ones survive the container.
VOLUME ["/var/lib/slx", "/opt/slx/plugins"]
USER slx
WORKDIR /var/lib/slx
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/slx/slx-hub.jar"]
