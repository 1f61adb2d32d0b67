package io.switchboard.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** GreenMail's real SMTP server in this JVM, with a small HTTP view of what it received. */
public final class GreenMailSmtpServer implements SmtpServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GreenMail greenMail;
    private final HttpServer web;

    private GreenMailSmtpServer(GreenMail greenMail, HttpServer web) {
        this.greenMail = greenMail;
        this.web = web;
    }

    /** @param smtpPort 0 for a free port; @param webPort 0 for a free port */
    public static GreenMailSmtpServer start(int smtpPort, int webPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort == 0 ? Ports.free() : smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort == 0 ? Ports.free() : webPort), 0);
            GreenMailSmtpServer server = new GreenMailSmtpServer(greenMail, web);
            web.createContext("/api/messages", server::listJson);
            web.createContext("/api/purge", server::purge);
            web.createContext("/", server::listHtml);
            web.start();
            return server;
        } catch (IOException e) {
            greenMail.stop();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public String webUrl() {
        return "http://127.0.0.1:" + web.getAddress().getPort();
    }

    @Override
    public List<ReceivedMail> messages() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(GreenMailSmtpServer::toMail).toList();
    }

    @Override
    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        web.stop(0);
        greenMail.stop();
    }

    private static ReceivedMail toMail(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            Address[] to = message.getAllRecipients();
            return new ReceivedMail(
                    from == null || from.length == 0 ? "" : from[0].toString(),
                    to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                    message.getSubject(),
                    GreenMailUtil.getBody(message),
                    message.getReceivedDate() == null ? Instant.now() : message.getReceivedDate().toInstant());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void listJson(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String to = query != null && query.startsWith("to=") ? java.net.URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8) : null;
        List<ReceivedMail> mails = to == null ? messages() : messagesTo(to);
        respond(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("messages", mails)));
    }

    private void purge(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "POST only");
            return;
        }
        purge();
        respond(exchange, 204, "text/plain", "");
    }

    private void listHtml(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Switchboard mailbox</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;text-align:left;vertical-align:top}"
                + "pre{white-space:pre-wrap;margin:0}</style><h1>Mail received by the dev SMTP server</h1>"
                + "<table><tr><th>received</th><th>to</th><th>subject</th><th>body</th></tr>");
        for (ReceivedMail mail : messages().reversed()) {
            html.append("<tr><td>").append(mail.receivedAt()).append("</td><td>").append(escape(String.join(", ", mail.to())))
                    .append("</td><td>").append(escape(mail.subject())).append("</td><td><pre>").append(escape(mail.body()))
                    .append("</pre></td></tr>");
        }
        respond(exchange, 200, "text/html; charset=utf-8", html.append("</table>").toString());
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
