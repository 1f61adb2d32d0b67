package io.switchboard.gateway.services;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * Where each service's instances are, from {@code switchboard.services.<name>}: one base URL, or several separated by
 * commas ({@code SWITCHBOARD_SERVICES_ROUTING=http://10.0.0.5:8084,http://10.0.0.6:8084}). The routes address a
 * service as {@code lb://<name>}; Spring Cloud LoadBalancer asks this for its instances and takes them in turn
 * (round robin). A Kubernetes Service or any other load balancer in front of the instances is one URL here.
 */
final class ServiceAddresses implements ReactiveDiscoveryClient {

    private final Map<String, List<ServiceInstance>> instances;

    /** @param urls the configured value of {@code switchboard.services.<name>}, by name */
    ServiceAddresses(Map<String, String> urls) {
        this.instances = urls.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> parse(e.getKey(), e.getValue())));
    }

    static List<ServiceInstance> parse(String name, String urls) {
        List<String> each = Arrays.stream(urls == null ? new String[0] : urls.split(",")).map(String::trim).filter(url -> !url.isEmpty()).toList();
        return IntStream.range(0, each.size()).<ServiceInstance>mapToObj(i -> {
            URI uri;
            try {
                uri = URI.create(each.get(i));
            } catch (IllegalArgumentException notAUri) {
                throw new IllegalArgumentException("switchboard.services." + name + " needs http(s)://host[:port] URLs, got " + each.get(i), notAUri);
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("switchboard.services." + name + " needs http(s)://host[:port] URLs, got " + each.get(i));
            }
            boolean secure = "https".equals(uri.getScheme());
            int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
            return new DefaultServiceInstance(name + "-" + i, name, uri.getHost(), port, secure);
        }).toList();
    }

    @Override
    public String description() {
        return "Switchboard's services from switchboard.services.*";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.fromIterable(instances.getOrDefault(serviceId, List.of()));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(instances.keySet());
    }
}
