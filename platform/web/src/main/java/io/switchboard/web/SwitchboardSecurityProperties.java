package io.switchboard.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param publicPaths requests open without a token, as {@code "METHOD /pattern"} or {@code "/pattern"} */
@ConfigurationProperties("switchboard.security")
public record SwitchboardSecurityProperties(@DefaultValue List<String> publicPaths) {
}
