# A wire-format Ollama /api/chat for measuring the answer checks inside the served router.
import json, sys, itertools
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
ANSWERS = [
  "Import the proxy's CA certificate into a trust store with keytool, then point Maven at it with "
  "-Djavax.net.ssl.trustStore=/path/to/truststore.jks and run the build again.",
  "Run `git reset --soft HEAD~3` and then `git commit` to squash the last three commits into one.\n\n"
  "```bash\ngit reset --soft HEAD~3\ngit commit -m \"one commit\"\n```",
  "I'm not sure, but I think you might need to restart something. I don't know the exact cause.",
  "Use a multi-stage build:\n\n```dockerfile\nFROM maven:3-eclipse-temurin-21 AS build\nCOPY . .\n"
  "RUN mvn -q package\nFROM eclipse-temurin:21-jre\nCOPY --from=build target/app.jar /app.jar\n```\n"
  "and in Java:\n\n```java\npublic static void main(String[] args) { System.out.println(\"hi\"); }\n```",
]
cycle = itertools.cycle(ANSWERS)
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        body = json.dumps({"model": "qwen2.5-coder:7b", "created_at": "2026-12-05T00:00:00Z",
            "message": {"role": "assistant", "content": next(cycle)}, "done_reason": "stop", "done": True,
            "prompt_eval_count": 100, "eval_count": 60}).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        body = b'{"models":[{"name":"qwen2.5-coder:7b","size":1,"details":{}}]}'
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
