# Kith as a container image: built from this repository, run by compose.yaml.
#   docker build -t kith .
# Build stage: the same Maven build as install.sh, without the tests (./test.sh runs those).
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests package -pl appliance -am

# Run stage: a JRE, curl for bin/kithctl, pkill for the TURN reload command, and the application.
FROM eclipse-temurin:21-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl procps \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /data kith \
    && mkdir -p /data && chown kith:kith /data && chmod 700 /data
COPY --from=build /src/appliance/target/quarkus-app/ /opt/kith/app/
COPY bin/ /opt/kith/bin/
ENV PATH=/opt/kith/bin:$PATH \
    KITH_DATA_DIR=/data \
    KITH_JAVA_OPTS="-XX:+UseSerialGC -Xss512k"
USER kith
WORKDIR /data
VOLUME /data
# c2s STARTTLS, c2s direct TLS, s2s, HTTP (ACME HTTP-01, redirect), HTTPS (portal, invites, uploads, web clients)
EXPOSE 5222 5223 5269 80 443
ENTRYPOINT ["sh", "-c", "exec java $KITH_JAVA_OPTS -jar /opt/kith/app/quarkus-run.jar"]
