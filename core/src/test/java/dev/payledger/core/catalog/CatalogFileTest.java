package dev.payledger.core.catalog;

import dev.payledger.core.money.Money;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogFileTest {
    @Test
    void readsPackagesProductsAddOnsAndFeatures() throws Exception {
        Catalog catalog = CatalogFile.read(new StringReader("""
                package.starter.name=Starter
                package.starter.credits=10
                package.starter.price.INR=49.00
                package.starter.price.USD=0.99
                product.visa-fee.name=Visa fee
                product.visa-fee.price.USD=30
                addon.esim.name=eSIM
                addon.esim.price.USD=5.99
                feature.export.name=Export
                feature.export.cost=5
                feature.export.duration=P30D
                feature.theme.name=Theme
                feature.theme.cost=20
                """));
        assertThat(catalog.creditPackage("starter").orElseThrow().priceIn(Money.currency("INR")))
                .contains(Money.ofMinor("INR", 4900));
        assertThat(catalog.product("esim").orElseThrow().kind()).isEqualTo(Product.Kind.ADD_ON);
        assertThat(catalog.feature("export").orElseThrow().duration()).contains(Duration.ofDays(30));
        assertThat(catalog.feature("theme").orElseThrow().duration()).isEmpty();
    }

    @Test
    void aMalformedEntryFailsTheWholeFile() {
        assertThatThrownBy(() -> CatalogFile.read(new StringReader("package.x.name=X\npackage.x.credits=ten\npackage.x.price.INR=1")))
                .hasMessageContaining("credits");
        assertThatThrownBy(() -> CatalogFile.read(new StringReader("package.x.name=X\npackage.x.credits=1\npackage.x.price.INR=1.001")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogFile.read(new StringReader("prices=1"))).hasMessageContaining("Unknown catalog key");
        assertThatThrownBy(() -> CatalogFile.read(new StringReader("package.x.name=X\npackage.x.credits=1")))
                .hasMessageContaining("no price");
    }

    @Test
    void theDefaultCatalogSellsTheDesignedPackages() {
        Catalog catalog = Catalog.defaultCatalog();
        assertThat(catalog.creditPackages()).extracting(CreditPackage::id).containsExactly("starter", "popular", "pro");
        assertThat(catalog.creditPackage("pro").orElseThrow().credits()).isEqualTo(100);
        assertThat(catalog.creditPackage("pro").orElseThrow().priceIn(Money.currency("INR"))).contains(Money.ofMinor("INR", 34900));
    }
}
