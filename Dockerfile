# The Threadmark server for docker-compose (needs a registry). It runs on a full JDK: it compiles
# hidden tests and jlinks the sandbox runtime. Build the jar first: mvn -q package -DskipTests
FROM eclipse-temurin:25-jdk
RUN apt-get update && apt-get install -y --no-install-recommends libc-bin && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY target/quarkus-app/ /app/
COPY exercises/ /app/exercises/
EXPOSE 8080 9000
ENTRYPOINT ["java", "-Dquarkus.http.host=0.0.0.0", "-jar", "/app/quarkus-run.jar"]
