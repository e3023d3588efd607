package dev.switchboard.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ClusterConfig {

  @Bean
  ClusterBus clusterBus(DataSource dataSource, @Value("${spring.datasource.url}") String url) {
    String node = nodeName();
    if (url.startsWith("jdbc:postgresql:")) {
      return new PostgresBus(dataSource, node);
    }
    return new SingleNodeBus(node);
  }

  private static String nodeName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    return host
        + "-"
        + ManagementFactory.getRuntimeMXBean().getPid()
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The embedded database serves one node: there is nobody to tell. */
  record SingleNodeBus(String nodeId) implements ClusterBus {
    @Override
    public void send(String channel, String payload) {}

    @Override
    public boolean othersMayListen() {
      return false;
    }

    @Override
    public void listen(String channel, Consumer<String> listener) {}
  }
}
