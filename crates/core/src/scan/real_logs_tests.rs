//! Real failure logs as people posted them in public threads (testdata/real/*.log, each opening
//! with `# source:` naming the thread), each pinned to the root cause a maintainer or the thread
//! established. Secrets and real IDs in them are replaced by fakes; the noise around the error is
//! kept, since that noise is what the scanner must see past.

use super::*;

const NOW: i64 = 1_800_000_000;

/// The log without its `# ` header lines (the source citation is not part of what was pasted).
fn body(fixture: &str) -> &str {
    let mut at = 0;
    for line in fixture.split_inclusive('\n') {
        if !line.starts_with("# ") {
            break;
        }
        at += line.len();
    }
    &fixture[at..]
}

macro_rules! fixture {
    ($name:literal) => {
        ($name, body(include_str!(concat!("testdata/real/", $name, ".log"))))
    };
}

fn all() -> Vec<(&'static str, &'static str)> {
    vec![
        fixture!("01-azure-login-700213-environment"),
        fixture!("02-azure-login-70021-step-links"),
        fixture!("03-azure-login-700211-mangled-code"),
        fixture!("04-azure-login-7002138-case"),
        fixture!("05-azure-login-700213-reusable-workflow"),
        fixture!("06-terraform-700213-json"),
        fixture!("07-devops-700213-masked"),
        fixture!("08-azure-login-7000215-mangled-timestamp"),
        fixture!("09-azure-login-700016-masked"),
        fixture!("10-azure-login-no-id-token-then-50027"),
        fixture!("11-msal-700024-assertion-expired"),
        fixture!("12-az-acr-login-debug-refresh-token-error"),
        fixture!("13-az-acr-login-challenge-error-404"),
        fixture!("14-az-acr-show-tags-access-token-504"),
        fixture!("15-az-acr-login-not-logged-in"),
        fixture!("16-az-acr-login-cloud-shell-no-docker"),
        fixture!("17-az-acr-login-windows-docker-api"),
        fixture!("18-build-push-ip-denied-json"),
        fixture!("19-acr-build-ip-redacted"),
        fixture!("20-az-acr-login-private-endpoint-vpn"),
        fixture!("21-login-action-no-such-host-masked"),
        fixture!("22-devops-docker-no-such-host-masked"),
        fixture!("23-docker-login-dns-server-refused"),
        fixture!("24-docker-login-client-timeout-token"),
        fixture!("25-docker-pull-x509-download-failed"),
        fixture!("26-azd-push-tls-handshake-timeout"),
        fixture!("27-mcr-toomanyrequests-devops"),
        fixture!("28-acr-task-dockerhub-unauthenticated-limit"),
        fixture!("29-dockerhub-pull-rate-limit"),
        fixture!("30-aks-anonymous-token-401"),
        fixture!("31-karpenter-describe-pod-events"),
        fixture!("32-aks-oauth-token-401-and-not-found"),
        fixture!("33-aks-manifest-unknown-then-401"),
        fixture!("34-skopeo-copy-invalid-username-password"),
        fixture!("35-devops-docker-push-to-docker-hub"),
        fixture!("36-devops-docker-push-unauthorized"),
        fixture!("37-compose-build-push-unauthorized"),
        fixture!("38-helm-acr-helm-push-auth"),
        fixture!("39-acr-cache-rule-toomanyrequests"),
        fixture!("40-vscode-docker-push-client-id-must-be-guid"),
        fixture!("41-az-acr-login-sudo-700082"),
        fixture!("42-docker-pull-cache-rule-authentication-required"),
        fixture!("43-kaniko-push-check-eof-masked"),
        fixture!("44-akv2k8s-webhook-oauth2-token-unauthorized"),
        fixture!("45-crane-ls-no-matching-credentials"),
        fixture!("46-helm-install-oci-anonymous-token-401"),
        fixture!("47-nerdctl-login-acr-400"),
        fixture!("48-nerdctl-push-without-login-server"),
        fixture!("49-devops-aks-attach-acr-role-assignment"),
        fixture!("50-az-aks-update-attach-acr-not-owner"),
        fixture!("51-terraform-role-assignment-403-acr-scope"),
        fixture!("52-terraform-principal-type-application"),
        fixture!("53-docker-login-wrong-username-not-registered"),
        fixture!("54-az-acr-login-username-email"),
        fixture!("55-kwctl-push-unauthorized-json"),
        fixture!("56-podman-login-expose-token-illegal-base64"),
        fixture!("57-rules-oci-pull-oauth2-token-401"),
        fixture!("58-az-aks-check-acr-traceback"),
        fixture!("59-az-acr-import-source-unauthorized"),
        fixture!("60-azd-dotnet-container-base-image-container1016"),
        fixture!("61-az-acr-build-tasks-not-allowed"),
        fixture!("62-azd-deploy-tasks-not-allowed"),
        fixture!("63-argocd-image-updater-tags-list-denied"),
        fixture!("64-app-service-manifest-tagged-not-found"),
        fixture!("65-az-login-identity-msi-unreachable"),
        fixture!("66-az-acr-login-wincred-stub-bad-data"),
        fixture!("67-oras-login-credstore-desktop-not-running"),
        fixture!("68-kubelet-blob-storage-eof"),
        fixture!("69-aks-check-acr-sp-secret-adal-401"),
        fixture!("70-docker-login-transient-connection-refused"),
        fixture!("71-argocd-image-updater-aks-no-credentials"),
        fixture!("72-az-acr-login-vm-docker-socket-permission"),
        fixture!("73-containerapp-managed-identity-pull-terraform"),
        fixture!("74-az-acr-login-wsl2-docker-not-found"),
        fixture!("75-acr-purge-manifest-unknown-race"),
        fixture!("76-az-acr-login-proxy-certificate-verify-failed"),
        fixture!("77-workload-identity-kind-klog-70021-double-escaped"),
        fixture!("78-external-secrets-aks-event-70021-json"),
        fixture!("79-workload-identity-python-700211-aks-issuer"),
        fixture!("80-pulumi-esc-700213-autorest"),
        fixture!("81-devops-azurepowershell-50166-wrapped"),
        fixture!("82-workload-identity-self-managed-issuer-50166"),
        fixture!("83-azure-login-7002381-enterprise-claim"),
        fixture!("84-flux-helmrepository-no-default-identity"),
        fixture!("85-flux-cli-devops-imds-identity-not-found"),
        fixture!("86-aks-event-export-acr-toomanyrequests"),
        fixture!("87-devops-az-acr-refresh-token-429"),
        fixture!("88-devops-docker-push-operation-disallowed"),
        fixture!("89-azure-docker-login-invalid-clientid-secret"),
        fixture!("90-az-acr-login-en-dash-name"),
        fixture!("91-buildx-kubernetes-driver-anonymous-401"),
        fixture!("92-buildx-mcr-outage-anonymous-token-401"),
        fixture!("93-docker-pull-mcr-outage-authentication-required"),
        fixture!("94-devops-az-login-federated-50166-incident"),
        fixture!("95-containerapp-create-no-registry-server"),
        fixture!("96-containerapp-image-lost-registry-host"),
        fixture!("97-vscode-docker-push-subscription-not-registered"),
        fixture!("98-trivy-fallbacks-then-acr-token-401"),
        fixture!("99-acr-geo-replicated-push-manifest-blob-unknown"),
        fixture!("100-helm-3-13-public-acr-head-401"),
        fixture!("101-acr-task-windows-base-no-matching-manifest"),
        fixture!("102-flux-helm-index-500-echo-newline"),
        fixture!("103-aci-deploy-empty-registry-server"),
        fixture!("104-devops-container-job-masked-link-401"),
        fixture!("105-aci-inaccessible-image"),
        fixture!("106-renovate-acr-blob-redirect-authorization"),
        fixture!("107-docker-content-trust-scope-map-token-401"),
        fixture!("108-az-acr-manifest-list-oci-index"),
        fixture!("109-spring-dataflow-acr-blob-400-invalid-authentication-info"),
        fixture!("110-arm-deployment-missing-subscription-registration-json"),
        fixture!("111-app-service-no-credentials-admin-disabled"),
        fixture!("112-sigstore-policy-webhook-acr-token-401"),
        fixture!("113-acr-task-run-public-access-disabled"),
        fixture!("114-azureml-serverless-pull-admin-disabled"),
        fixture!("115-azureml-run-registry-resync-keys"),
        fixture!("116-containerapp-arm-put-webhook-token-401"),
        fixture!("117-bicep-publish-401-retrieving-permissions"),
        fixture!("118-dotnet-sdk-list-tags-escaped-401"),
        fixture!("119-jib-maven-build-image-failed-401"),
        fixture!("120-skaffold-jib-getting-image-401"),
        fixture!("121-k0s-containerd-anonymous-token-401"),
        fixture!("122-dotnet-docker-nuget-feed-401-not-acr"),
        fixture!("123-connect-azcontainerregistry-credential-desktop-stderr"),
        fixture!("124-scope-map-token-catalog-unauthorized"),
        fixture!("125-aks-docker-500-then-unauthorized-wrong-sp"),
        fixture!("126-aks-lab-no-image-pull-secrets-daemon-401"),
        fixture!("127-cloud-shell-msi-audience-not-supported"),
        fixture!("128-vscode-containerapps-js-sdk-audience-unset"),
        fixture!("129-login-action-environment-secret-empty"),
        fixture!("130-login-action-fork-pr-no-secrets"),
        fixture!("131-docker-login-password-stdin-empty-non-tty"),
        fixture!("132-azure-login-self-hosted-no-az-cli"),
        fixture!("133-azure-login-creds-az-exit-code-1"),
        fixture!("134-azure-login-container-json-position-1"),
        fixture!("135-azure-login-v1-6-1-container-node16-missing"),
        fixture!("136-azure-login-azps-warning-not-json"),
        fixture!("137-azure-login-ghes-oidc-getcall-undefined"),
        fixture!("138-acr-build-action-pat-sso-download-context"),
        fixture!("139-az-acr-build-actions-download-context"),
        fixture!("140-acr-build-action-nonetype-not-callable"),
        fixture!("141-actions-acr-blob-upload-unauthorized-json"),
        fixture!("142-buildx-docker-hub-push-insufficient-scope"),
        fixture!("143-buildx-gha-cache-403-storage-authenticate"),
        fixture!("144-aks-check-acr-private-endpoint-exchange-timeout"),
        fixture!("145-devops-docker-wif-loc-string-regression"),
        fixture!("146-kubelet-acr-credential-provider-challenge-timeout"),
        fixture!("147-aks-large-image-context-canceled"),
        fixture!("148-aks-describe-acr-manifest-500"),
        fixture!("149-devops-private-agent-push-connection-reset"),
        fixture!("150-aks-privatelink-fqdn-x509-valid-for"),
        fixture!("151-aks-check-acr-usgov-fqdn-appended"),
        fixture!("152-acorn-aks-http-response-to-https-client"),
        fixture!("153-az-acr-login-504-then-pull-timeout"),
        fixture!("154-devops-docker-endpoint-auth-data-not-present"),
        fixture!("155-az-login-msal-50076-refresh-failed"),
        fixture!("156-az-ad-user-show-530003-azureml-vm"),
        fixture!("157-azwi-azureclicredential-530003"),
        fixture!("158-terraform-azurerm-530003-devcontainer"),
        fixture!("159-az-ad-sp-list-50173-password-reset"),
        fixture!("160-steampipe-az-cli-50173-traceback"),
        fixture!("161-az-get-access-token-65001-consent"),
        fixture!("162-az-acr-login-ssh-mac-keychain"),
        fixture!("163-docker-login-mac-keychain-passphrase"),
        fixture!("164-az-acr-login-registry-in-other-subscription"),
        fixture!("165-azd-preprovision-subscription-not-in-cloud"),
        fixture!("166-devcontainer-script-53000-not-compliant"),
        fixture!("167-az-login-tenant-50020-not-a-guest"),
        fixture!("168-az-login-username-password-guest-50034"),
        fixture!("169-az-login-scope-arm-china-cloud-500011"),
        fixture!("170-az-login-scope-acr-login-server-500011"),
        fixture!("171-az-login-device-code-expired"),
        fixture!("172-adal4j-device-code-70016-pending-logged-as-error"),
        fixture!("173-bitbucket-az-acr-login-docker-warning-as-error"),
        fixture!("174-circleci-az-acr-login-warning-exit-status-1"),
        fixture!("175-gitlab-azd-auth-login-unsupported-federated-provider"),
        fixture!("176-arc-acr-credential-provider-uami-unsupported"),
        fixture!("177-jenkins-acs-engine-device-login-prompt"),
        fixture!("178-az-login-650057-both-flows-same-day"),
        fixture!("179-kaniko-acr-credential-helper-not-in-path"),
        fixture!("180-jenkins-x-kaniko-acr-helper-store-dir"),
        fixture!("181-az-acr-login-pass-helper-no-usernames"),
        fixture!("182-notation-login-credentials-store-not-set-up"),
        fixture!("183-notation-azure-kv-az-not-recognized"),
        fixture!("184-microk8s-ctr-pull-acr-anonymous-token-401"),
        fixture!("185-containerapp-up-abac-registry-task-no-credential"),
        fixture!("186-containerapps-deploy-action-failed-to-retrieve-registry-credentials"),
        fixture!("187-devcontainer-ssh-az-acr-login-osxkeychain-epipe"),
        fixture!("188-az-acr-login-podman-docker-emulation-stderr"),
        fixture!("189-devcontainer-feature-acr-no-credentials-unresolved"),
        fixture!("190-helm-3-18-registry-login-expose-token-no-username"),
        fixture!("191-az-acr-helm-push-please-run-az-login"),
        fixture!("192-az-acr-helm-push-service-principal-authentication-required"),
        fixture!("193-az-acr-check-health-notary-version-0-6-0"),
        fixture!("194-az-acr-repository-list-vnet-no-challenge-denied"),
        fixture!("195-az-acr-check-health-private-endpoint-challenge-public-access-disabled"),
        fixture!("196-az-acr-import-cross-tenant-source-firewall-ip"),
        fixture!("197-az-acr-import-source-challenge-without-scope"),
        fixture!("198-az-acr-import-acrpush-only-registry-not-found"),
        fixture!("199-az-aks-create-attach-acr-validation-error"),
        fixture!("200-az-aks-create-subnet-role-assignment-graph-400"),
        fixture!("201-acr-purge-untagged-401-pull"),
        fixture!("202-devops-copy-failed-then-acr-login-no-local-image"),
        fixture!("203-az-acr-build-dockerhub-unauthenticated-pull-limit"),
        fixture!("204-aks-pull-tag-latest-manifest-unknown"),
        fixture!("205-jenkins-docker-push-no-space-left-on-device"),
        fixture!("206-gha-bicep-container-app-image-required-after-acr-push"),
        fixture!("207-ci-npm-e401-azure-artifacts-feed"),
        fixture!("208-devops-docker-acr-build-debian-stretch-apt-404"),
        fixture!("209-terraform-azurerm-container-registry-empty-name"),
        fixture!("210-acr-quarantine-manifest-patch-image-quarantined"),
        fixture!("211-docker-trust-signer-add-401"),
        fixture!("212-oras-push-retention-policy-debug-challenge"),
        fixture!("213-aks-artifact-streaming-localhost-8578-context-canceled"),
        fixture!("214-az-acr-cache-create-unboundlocalerror-az-2-70"),
        fixture!("215-acr-cache-rule-quay-502-bad-gateway"),
        fixture!("216-devops-azurecli-task-secret-leading-dash"),
        fixture!("217-azure-login-creds-secret-leading-dash"),
        fixture!("218-devops-terraform-task-az-login-secret-leading-dash"),
        fixture!("219-az-login-sp-close-paren-cmd-unexpected"),
        fixture!("220-az-login-password-paren-cmd-echo"),
        fixture!("221-az-login-sp-secret-gt-redirected-7000215"),
        fixture!("222-devops-image-publish-adal-7000222"),
        fixture!("223-gha-windows-runner-docker-login-wincred-logon-session"),
        fixture!("224-aks-windows-node-image-os-version-incompatible-then-401"),
        fixture!("225-aks-windows-node-no-match-for-platform-then-anonymous-401"),
        fixture!("226-app-service-webappcontainer-head-tag-not-found-image-pull-failed"),
        fixture!("227-functions-on-container-apps-acr-managed-identity-unsupported"),
        fixture!("228-azure-login-immutable-subject-portal-credential-700213"),
        fixture!("229-gha-immutable-subject-token-name-based-credential-700213"),
        fixture!("230-azd-auth-login-custom-subject-template-700213"),
        fixture!("231-gha-tag-wildcard-subject-700213-wrapped"),
        fixture!("232-azure-login-ghes-issuer-501661"),
        fixture!("233-azure-login-dependabot-not-all-values-present"),
        fixture!("234-aks-node-bootstrap-abac-acrpull-catalog-401"),
        fixture!("235-acrcssc-oci-push-cannot-respond-to-authentication"),
        fixture!("236-devops-manifest-tool-multiarch-push-docker-io-denied"),
        fixture!("237-entra-7000112-application-disabled-json"),
        fixture!("238-azure-login-500031-signing-certificate-intermittent"),
        fixture!("239-devops-azurecli-wif-acr-login-refresh-token-401-not-in-subscription"),
        fixture!("240-devops-appconfiguration-wif-clientsecretcredential-required"),
        fixture!("241-devops-adf-task-wif-clientsecretcredential-required"),
        fixture!("242-devops-costdata-task-wif-secret-non-empty-string"),
        fixture!("243-devops-appconfiguration-wif-automatic-clientsecretcredential"),
        fixture!("244-devops-apim-task-wif-remote-server-401"),
        fixture!("245-devops-routetraffic-task-wif-auth-token-401"),
        fixture!("246-devops-azurecli-wif-terraform-cli-auth-service-principal"),
        fixture!("247-azd-containerapp-template-registry-gone-no-such-host"),
        fixture!("248-msdo-template-analyzer-bicep-restore-not-signed-in"),
        fixture!("249-devops-helm3-repo-add-acr-index-yaml-404"),
        fixture!("250-terraform-helm-release-https-acr-index-yaml-404"),
        fixture!("251-helm-repo-add-oci-acr-object-required"),
        fixture!("252-az-acr-login-azure-local-aadsts50001-acr-audience"),
        fixture!("253-devops-azurepowershell-bicep-restore-powershell-timed-out"),
        fixture!("254-bicep-restore-registry-in-other-tenant-401"),
        fixture!("255-aks-acrpull-on-control-plane-identity-anonymous-401"),
        fixture!("256-bicep-vscode-credential-stored-credentials-not-found"),
        fixture!("257-terraform-helm-release-oci-oauth-token-401"),
        fixture!("258-argocd-helm-dependency-build-acr-anonymous-401"),
        fixture!("259-argocd-kustomize-enable-helm-acr-anonymous-token-401"),
        fixture!("260-oras-discover-acr-docker-cli-not-logged-in"),
        fixture!("261-acr-task-user-assigned-identity-trusted-services-exchange-403"),
        fixture!("262-azureml-workspace-acr-vnet-image-build-compute-not-valid"),
        fixture!("263-functions-vnet-image-pull-buildx-image-unexpected-failure"),
        fixture!("264-iotedge-agent-pull-invalid-clientid-status-500"),
        fixture!("265-virtual-kubelet-aci-1-6-no-username-in-auth-config"),
        fixture!("266-iotedge-agent-pull-authentication-required-status-500"),
        fixture!("267-windows-server-buildx-privileged-mode-before-private-acr-push"),
        fixture!("268-app-service-msi-proxy-docker-hub-pull-401"),
        fixture!("269-app-service-register-layer-host-id-then-401"),
        fixture!("270-app-service-head-401-after-appsettings-bad-request"),
        fixture!("271-app-service-vnet-integration-private-acr-denied"),
        fixture!("272-aci-az-container-create-registryerrorresponse-docker-hub"),
        fixture!("273-aci-terraform-container-group-409-registryerrorresponse"),
        fixture!("274-aci-yaml-two-errors-registryerrorresponse-then-500"),
        fixture!("275-aci-yaml-multi-container-azure-registry-credential"),
        fixture!("276-aci-private-acr-firewall-client-ip-denied"),
        fixture!("277-containerapp-revision-imagepullfailure-after-24h"),
        fixture!("278-devops-service-fabric-image-history-check-os-version"),
        fixture!("279-service-fabric-getimagehistory-internal-server-error"),
        fixture!("290-testcontainers-node-desktop-helper-token-user-name-client-id-must-be-guid"),
        fixture!("291-testcontainers-node-identitytoken-ignored-unauthorized-json"),
        fixture!("292-testcontainers-dotnet-identitytoken-ignored-authentication-required"),
        fixture!("293-docker-maven-plugin-helper-token-as-password-sp-unknown-error"),
        fixture!("294-dotnet-sdk-container-desktop-helper-credentials-not-found"),
        fixture!("295-tye-local-kubernetes-daemon-pull-401-no-pull-secret"),
        fixture!("296-vscode-terminal-docker-push-not-logged-in-401"),
        fixture!("297-az-acr-login-wsl2-docker-desktop-4-4-3-credstore-updated"),
        fixture!("298-az-acr-login-ubuntu-vm-secretservice-dbus-no-x11"),
        fixture!("299-codespaces-dockerfile-private-acr-base-not-supported"),
        fixture!("300-testcontainers-dotnet-no-such-image-after-az-acr-login"),
        fixture!("301-visual-studio-publish-docker-login-401"),
        fixture!("302-earthly-save-image-docker-hub-oauth-token-401-not-acr"),
        fixture!("303-buildx-from-private-ghcr-image-anonymous-token-401-not-acr"),
        fixture!("304-helm-install-oci-ghcr-oauth-token-403-not-acr"),
        fixture!("305-harbor-containerd-oauth-token-403-no-host-not-acr"),
        fixture!("306-podman-ghcr-incident-unable-to-retrieve-auth-token-not-acr"),
        fixture!("307-buildx-docker-hub-push-denied-bare-line-not-acr"),
        fixture!("308-argocd-image-updater-docker-hub-tags-denied-not-acr"),
        fixture!("309-argocd-image-updater-digitalocean-tags-401-not-acr"),
        fixture!("310-login-action-harbor-v2-401-not-acr"),
        fixture!("311-aws-oidc-not-authorized-assume-role-with-web-identity"),
        fixture!("312-gcp-wif-federated-token-invalid-target"),
        fixture!("313-gcp-auth-no-id-token-permission-github-oidc"),
        fixture!("314-azd-remote-state-blob-issuer-validation-failed"),
        fixture!("315-gitlab-defaultazurecredential-key-vault-chain-unavailable"),
        fixture!("316-ecr-push-no-basic-auth-credentials-wrong-account"),
        fixture!("317-terraform-backend-listkeys-authorizationfailed"),
        fixture!("318-git-push-github-actions-bot-403-not-acr"),
        fixture!("319-npm-publish-e401-whoami-not-acr"),
        fixture!("320-kubectl-kubelogin-must-be-logged-in-not-acr"),
        fixture!("321-docker-build-cannot-connect-daemon-not-acr"),
        fixture!("322-runner-action-container-build-docker-api-not-acr"),
        fixture!("323-runner-action-download-429-api-github-not-acr"),
        fixture!("324-buildx-run-exec-format-error-no-emulation-not-acr"),
        fixture!("325-storage-list-invalid-authentication-info-not-acr"),
        fixture!("326-pulumi-storage-blob-authorization-permission-mismatch-not-acr"),
        fixture!("327-terraform-subnet-linked-authorization-failed-route-table"),
        fixture!("328-gitlab-api-invalid-token-revoked-not-acr"),
        fixture!("329-go-mod-download-private-module-terminal-prompts-disabled-not-acr"),
        fixture!("330-checkout-private-repo-not-found-github-incident"),
        fixture!("331-go-build-proxy-golang-x509-unknown-authority"),
        fixture!("332-kubelogin-workload-identity-devops-token-50027"),
        fixture!("333-az-webapp-deploy-zip-kudu-401-not-acr"),
        fixture!("334-trivy-db-ghcr-toomanyrequests-retry-after-not-acr"),
        fixture!("335-docker-hub-toomanyrequests-download-rate-limit-link"),
        fixture!("336-testcontainers-build-docker-hub-pull-rate-limit"),
        fixture!("337-actions-cache-restore-429-cache-service-not-acr"),
        fixture!("338-helm-cert-manager-webhook-svc-connection-refused-not-acr"),
        fixture!("339-prometheus-operator-webhook-svc-client-timeout-not-acr"),
        fixture!("340-calico-failedcreatepodsandbox-apiserver-io-timeout-not-acr"),
        fixture!("341-csi-keyvault-failedmount-nmi-404-not-acr"),
        fixture!("342-terraform-keyvault-secret-forbiddenbyrbac-not-acr"),
        fixture!("343-terraform-storage-requestdisallowedbypolicy-not-acr"),
        fixture!("344-terraform-helm-bitnami-index-yaml-403-not-acr"),
        fixture!("345-buildah-push-quay-error-writing-blob-not-acr"),
        fixture!("346-podman-push-openshift-registry-error-writing-blob-500-not-acr"),
        fixture!("347-tests-econnrefused-localhost-postgres-not-acr"),
        fixture!("348-buildx-docker-hub-storage-connection-reset"),
        fixture!("349-compose-docker-hub-storage-dial-io-timeout"),
        fixture!("358-wi-kubectl-create-token-az-login-700213-serviceaccount"),
        fixture!("359-wi-python-clientauthenticationerror-70021-aks-intermittent"),
        fixture!("360-wi-quick-start-700016-uami-resource-id-as-client-id"),
        fixture!("361-wi-quick-start-webhook-not-injected-token-file-empty"),
        fixture!("362-ratify-acr-workload-identity-tenant-id-env-empty"),
        fixture!("363-appconfig-provider-workload-identity-no-token-file-specified"),
        fixture!("364-entra-700222-entra-issued-token-as-federated-assertion"),
        fixture!("365-wi-mi-fic-double-hop-700231"),
        fixture!("366-otf-azure-dynamic-credentials-5002723-no-kid"),
        fixture!("367-risingwave-workload-identity-700024-token-read-once"),
        fixture!("368-external-secrets-acr-generator-500011-registry-as-resource"),
        fixture!("369-ratify-acr-workload-identity-msal-authority-client-bug"),
        fixture!("382-kubelet-docker-hub-tag-never-pushed-manifest-unknown"),
        fixture!("383-docker-pull-ghcr-private-package-read-package-denied"),
        fixture!("384-kubelet-ghcr-denied-then-name-unknown-not-acr"),
        fixture!("385-aks-kubelet-ghcr-private-image-unauthorized-not-acr"),
        fixture!("386-aci-ghcr-image-not-accessible-registry-credential"),
        fixture!("387-devops-docker-build-nuget-restore-artifacts-401-not-acr"),
        fixture!("388-devops-terraform-init-backend-please-run-az-login"),
        fixture!("389-devops-webapp-deploy-aadsts50012-invalid-client-secret"),
        fixture!("390-ecr-login-windows-wincred-stub-bad-data"),
        fixture!("391-devops-trigger-build-tf400813-anonymous-not-acr"),
        fixture!("392-kubectl-aks-api-server-tls-handshake-timeout-not-acr"),
        fixture!("393-kubectl-api-server-dial-io-timeout-not-acr"),
        fixture!("394-kubectl-aks-api-server-no-such-host"),
        fixture!("395-terraform-registry-client-timeout-provider-packages"),
        fixture!("410-batch-pool-acr-containerinvalidimage-unauthorized-no-registry-credentials"),
        fixture!("411-batch-pool-docker-hub-private-pull-access-denied"),
        fixture!("412-batch-task-containerinvalidsettings-docker-read-timeout-not-acr"),
        fixture!("413-databricks-container-services-image-doesnt-exist-or-invalid-credential"),
        fixture!("414-openshift-on-azure-acr-pull-secret-appid-mispasted-401"),
        fixture!("415-spring-apps-deploy-custom-container-ghcr-no-error-not-acr"),
        fixture!("416-cromwell-on-azure-registry-not-supported-call-caching-not-acr"),
        fixture!("417-azureml-kubernetes-endpoint-acr-token-exchange-forbidden"),
        fixture!("418-azureml-managed-online-endpoint-image-pull-failed-image-fetcher"),
        fixture!("419-containerapp-job-identity-config-configmap-not-found-not-acr"),
        fixture!("396-cosign-verify-k8s-keychain-acr-helper-token-user-401"),
        fixture!("397-porter-cnab-driver-pull-bundle-anonymous-token-401"),
        fixture!("398-porter-copy-quickstart-bundle-anonymous-token-401"),
        fixture!("399-rad-recipe-show-private-acr-recipe-escaped-401"),
        fixture!("400-cnspec-scan-acr-host-without-repository-docker-hub-401"),
        fixture!("401-kpack-controller-aks-mi-refresh-token-post-401-after-1h"),
        fixture!("402-grype-registry-auth-sent-to-docker-hub-401-not-acr"),
        fixture!("403-copa-action-ghcr-anonymous-token-401-not-acr"),
        fixture!("404-jib-gradle-docker-hub-push-registry-unauthorized-not-acr"),
        fixture!("424-buildx-sbom-attestation-acr-blob-upload-416"),
        fixture!("425-sdk-net-acr-upload-blob-blob-upload-unknown"),
        fixture!("426-dotnet-container-ghcr-blob-upload-invalid-not-acr"),
        fixture!("427-buildx-cache-manifest-pulp-400-not-acr"),
        fixture!("428-buildx-provenance-alicloud-acr-empty-config-denied-not-acr"),
        fixture!("429-az-acr-import-force-race-target-manifest-unknown"),
        fixture!("430-docker-push-acr-layer-503-service-unavailable"),
        fixture!("431-cosign-attest-att-manifest-invalid-could-not-locate-artifact"),
        fixture!("432-helm-push-oci-acr-invalid-reference-invalid-repository"),
        fixture!("438-concourse-az-acr-login-username-password-no-docker-daemon"),
        fixture!("439-prow-capz-az-acr-login-dind-daemon-not-running"),
        fixture!("440-jenkins-azure-credentials-certificate-sp-no-client-secret"),
        fixture!("441-tekton-jenkins-x-kaniko-acr-env-helper-not-in-image"),
        fixture!("442-kubeflow-pipeline-acr-image-without-tag-manifest-unknown-then-401"),
        fixture!("443-gitlab-ci-local-dind-docker-login-service-lookup-not-acr"),
        fixture!("444-drone-docker-plugin-guest-mode-docker-hub-push-denied-not-acr"),
        fixture!("445-argo-workflows-controller-ecr-entrypoint-lookup-401-not-acr"),
        fixture!("446-tekton-kaniko-docker-hub-push-secret-not-mounted-not-acr"),
        fixture!("447-jenkins-x-kaniko-acr-linux-helper-renamed-not-in-path"),
        fixture!("448-az-login-device-code-completed-then-acr-build-packing-unexpected-end-not-acr"),
        fixture!("449-containerapps-deploy-action-login-succeeded-then-revision-image-unauthorized"),
        fixture!("450-actions-docker-login-password-stdin-success-warnings-only-not-acr"),
        fixture!("451-k8s-deploy-kubectl-validate-openapi-localhost-8080-refused-not-acr"),
        fixture!("452-k8s-deploy-promote-rollout-exceeded-progress-deadline-not-acr"),
        fixture!("453-buildx-acr-e2e-first-push-500-retrying-then-canceled"),
        fixture!("454-dotnet-image-builder-docker-login-acr-toomanyrequests"),
        fixture!("455-jenkins-az-acr-build-warnings-as-failure-build-failed-not-acr"),
        fixture!("456-vscode-docker-pull-acr-password-unencrypted-warning-as-error"),
        fixture!("457-devops-docker-login-task-then-script-build-from-private-acr-401"),
        fixture!("462-azure-login-usgov-azpssession-oidc-900382-cross-cloud"),
        fixture!("463-azure-login-usgov-oidc-id-token-error-then-login-successful"),
        fixture!("464-az-login-sp-usgov-from-global-vm-90038-cross-cloud"),
        fixture!("465-terraform-azuread-china-oidc-700212-public-audience"),
        fixture!("466-aks-pull-storage-fqdn-firewall-typo-eof-then-anonymous-401"),
        fixture!("467-az-acr-check-health-connectivity-ssl-error-proxy-question"),
        fixture!("468-az-acr-login-windows-winerror-10060-connect-timeout"),
        fixture!("469-docker-run-mcr-head-eof-ipv6-adapter"),
        fixture!("470-az-login-germany-cloud-authority-90002-tenant-not-found"),
        fixture!("471-npm-install-node-sass-binary-proxy-407-not-acr"),
        fixture!("472-npm-fetch-registry-proxy-localhost-8080-refused-not-acr"),
        fixture!("473-intellij-azure-explorer-java-mgmt-list-registries-authorizationfailed"),
        fixture!("474-vscode-docker-list-registries-listcredentials-authorizationfailed"),
        fixture!("475-terraform-azurerm-3-52-registry-credentials-admin-user-disabled"),
        fixture!("476-intellij-azure-explorer-java-mgmt-disallowedprovider-container-registry"),
        fixture!("477-rider-azure-explorer-java-mgmt-list-registries-invalid-authentication-token"),
        fixture!("478-pulumi-azure-native-containerapp-registry-in-other-subscription"),
        fixture!("479-crossplane-jet-azure-registry-encryption-required-argument-not-acr"),
        fixture!("480-python-keyvault-secretclient-akv10000-bearer-missing-not-acr"),
        fixture!("481-python-storage-get-account-information-permission-mismatch-not-acr"),
        fixture!("482-connect-azcontainerregistry-2-2-0-device-code-then-docker-warning-as-error"),
        fixture!("487-kubelet-acr-daemon-401-self-managed-cluster-describe"),
        fixture!("488-aks-events-acr-application-not-registered-then-401"),
        fixture!("489-aks-acr-artifact-streaming-create-container-error-remote-tar"),
        fixture!("490-airflow-psycopg2-postgres-service-name-not-known-not-acr"),
        fixture!("491-bitnami-mongodb-headless-svc-getaddrinfo-enotfound-not-acr"),
        fixture!("492-pgbackrest-repo-host-svc-name-not-known-not-acr"),
        fixture!("493-akv2k8s-env-injector-webhook-svc-x509-unknown-authority-not-acr"),
        fixture!("494-weave-npc-api-server-x509-valid-for-not-acr"),
        fixture!("495-aks-azure-vnet-cns-sandbox-localhost-refused-not-acr"),
        fixture!("496-kubelet-pull-register-layer-no-space-left-not-acr"),
        fixture!("497-minikube-pod-exec-format-error-amd64-image-not-acr"),
        fixture!("498-python-controller-api-server-401-unauthorized-not-acr"),
        fixture!("501-connected-registry-k8s-activation-413-request-entity-too-large"),
        fixture!("502-az-acr-pipeline-run-create-storage-private-endpoint-403"),
        fixture!("503-acr-cmk-deployment-failed-to-access-keyid-key-vault-firewall"),
        fixture!("504-psrule-acr-content-trust-blocked-for-encryption-enabled-registry"),
        fixture!("505-az-acr-update-anonymous-pull-not-supported-for-sku-managed-basic"),
        fixture!("506-arm-deployment-basic-registry-disabling-public-network-access-not-supported"),
        fixture!("507-az-acr-task-create-source-trigger-webhook-providercall-not-found"),
        fixture!("508-az-acr-export-pipeline-create-secret-uri-required"),
        fixture!("509-servicebus-put-token-failed-401-ip-prevented-not-acr"),
        fixture!("510-terraform-azure-openai-deployment-sku-not-supported-by-model-not-acr"),
        fixture!("511-az-acr-build-windows-scan-dependencies-invalid-file-name"),
        fixture!("512-az-acr-build-scan-dependencies-from-uppercase-repository"),
        fixture!("513-acr-task-git-context-without-dot-git-dockerfile-not-found"),
        fixture!("514-acr-task-from-quoted-image-scan-dependencies-invalid-reference-format"),
        fixture!("515-az-acr-build-cloud-shell-scan-dependencies-unable-to-understand-from"),
        fixture!("516-az-acr-task-run-windows-dockerfile-task-yaml-could-not-find-expected"),
        fixture!("517-acr-task-step-timeout-context-deadline-exceeded"),
        fixture!("518-codebuild-buildspec-yaml-file-error-not-acr"),
        fixture!("519-cloud-build-docker-dockerfile-excluded-by-dockerignore-not-acr"),
        fixture!("520-cloud-build-kaniko-step-context-deadline-exceeded-not-acr"),
        fixture!("525-aks-windows-node-pool-msi-daemon-401-no-lead"),
        fixture!("526-aks-service-endpoint-policy-acr-storage-403-authorizationfailure"),
        fixture!("527-aks-upgrade-events-acr-daemon-401-then-pulled"),
        fixture!("528-aks-kubelet-msi-first-acr-pull-401-recovers"),
        fixture!("529-external-k8s-acr-admin-pull-secret-daemon-401"),
        fixture!("530-aks-windows-node-back-off-only-no-reason"),
        fixture!("531-aks-events-acr-manifest-unknown-then-daemon-401"),
        fixture!("532-portainer-k8s-acr-registry-daemon-401"),
        fixture!("533-kubelet-quay-manifest-not-authorized-not-acr"),
        fixture!("534-kubelet-docker-hub-private-image-pull-access-denied-not-acr"),
        fixture!("535-aks-second-cluster-shared-private-dns-record-manifest-head-eof"),
        fixture!("553-az-acr-credential-show-70043-sign-in-frequency"),
        fixture!("554-ada-tool-az-stderr-70043-interactive-authentication-needed"),
        fixture!("555-az-get-access-token-50057-user-disabled-china-cloud"),
        fixture!("556-az-login-50057-disabled-in-another-tenant"),
        fixture!("557-add-azureaccount-script-70002-50055-password-expired"),
        fixture!("558-python-sdk-adal-503-90033-transient"),
        fixture!("559-az-login-5000224-resource-not-available"),
        fixture!("560-az-login-tenant-5000225-blocked-inactivity"),
        fixture!("561-az-login-wam-21vianet-50011-broker-redirect-uri"),
        fixture!("562-graph-explorer-50105-user-not-assigned-not-acr"),
        fixture!("563-static-web-app-spa-50011-redirect-uri-not-acr"),
        fixture!("564-msgraph-obo-500133-user-assertion-expired-not-acr"),
        fixture!("565-storage-explorer-500571-guest-account-disabled-not-acr"),
        fixture!("566-vscode-account-sign-in-90033-transient-not-acr"),
        fixture!("567-azure-login-identity-aca-runner-no-user-assigned-identity-found"),
        fixture!("568-aca-runner-az-login-identity-username-no-longer-supported"),
        fixture!("569-avm-e2e-self-hosted-az-login-username-expected-one-argument"),
        fixture!("570-az-login-identity-docker-on-arc-vm-imds-connection-refused"),
        fixture!("571-devops-msi-service-connection-agent-imds-etimedout"),
        fixture!("572-python-identity-windows-agent-imds-identity-not-found"),
        fixture!("573-dotnet-managed-identity-imds-through-proxy-502"),
        fixture!("574-az-login-identity-container-apps-405-not-missing-identity"),
        fixture!("575-az-login-identity-arc-unrecognizable-www-authenticate"),
        fixture!("576-ecs-local-endpoints-ec2-role-imds-no-route-not-acr"),
        fixture!("539-rancher-desktop-az-acr-login-vm-dns-ipv6-loopback"),
        fixture!("540-rancher-desktop-nerdctl-login-acr-oauth-token-400"),
        fixture!("541-img-login-acr-admin-user-snapshot-oauth-token-400"),
        fixture!("542-az-acr-login-wsl2-engine-wincred-logon-session-does-not-exist"),
        fixture!("543-vscode-docker-cli-login-acr-token-wincred-credsstore"),
        fixture!("544-podman-docker-hub-stale-auth-file-invalid-username-password-not-acr"),
        fixture!("545-skopeo-gha-run-containers-auth-json-permission-denied-not-acr"),
        fixture!("546-buildah-login-ecr-credential-helper-not-in-path-not-acr"),
        fixture!("579-acorn-buildkit-acr-base-image-anonymous-token-401"),
        fixture!("580-buildctl-rootless-acr-registry-cache-anonymous-token-401"),
        fixture!("581-devops-azurecli-compose-build-push-acr-unauthorized"),
        fixture!("582-acr-task-buildx-cache-export-docker-driver"),
        fixture!("583-buildx-acr-from-image-anonymous-token-get-401-transient"),
        fixture!("584-buildx-mcr-head-request-403-sporadic-not-acr"),
        fixture!("585-buildx-ghcr-push-403-package-settings-not-acr"),
        fixture!("586-buildx-ghcr-push-403-github-token-permissions-not-acr"),
        fixture!("587-buildx-gha-cache-authorization-status-401-not-acr"),
        fixture!("588-acr-cache-rule-library-source-path-pull-denied"),
        fixture!("589-acr-token-tags-list-metadata-read-unauthorized-json"),
        fixture!("590-renovate-acr-token-tags-list-metadata-read-unauthorized"),
        fixture!("591-acr-cache-rule-dhi-credential-sets-unhealthy-authentication-required"),
        fixture!("592-terraform-acr-cache-rule-docker-hub-without-credential-set"),
        fixture!("593-aks-pull-through-acr-docker-hub-cache-rule-oauth-401-not-found"),
        fixture!("594-aks-automatic-acr-anonymous-token-401"),
        fixture!("595-ecr-pull-through-cache-upstream-authentication-failed-not-acr"),
        fixture!("596-ack-ecr-pull-through-cache-rule-upstream-requires-authentication-not-acr"),
        fixture!("597-harbor-proxy-cache-library-slash-repository-not-found-not-acr"),
        fixture!("600-azurepowershell-connect-azcontainerregistry-windows-agent-401"),
        fixture!("601-connect-azcontainerregistry-endpoint-resource-id-not-in-dictionary"),
        fixture!("602-powershell-pipe-admin-password-docker-login-stdin-incorrect"),
        fixture!("603-azurepowershell5-connect-azaccount-federatedtoken-parameter-not-found"),
        fixture!("604-azurepowershell5-federated-token-china-cloud-90002"),
        fixture!("605-connect-azcontainerregistry-system-user-empty-token-pull-401"),
        fixture!("606-azure-login-azpssession-az-accounts-5-3-0-msal-extensions-not-loaded"),
        fixture!("607-azure-login-azpssession-no-az-accounts-name-null"),
        fixture!("608-azurepowershell-task-earlier-az-accounts-imported"),
        fixture!("609-import-azcontainerregistryimage-missing-targettags-not-login"),
        fixture!("610-bicep-publish-acr-devops-please-run-connect-azaccount"),
        fixture!("611-azurepowershell5-wif-self-hosted-newtonsoft-method-not-found"),
        fixture!("612-kaniko-acr-base-image-layer-read-connection-reset"),
        fixture!("613-docker-push-acr-layer-retrying-then-eof"),
        fixture!("614-oras-pull-cmk-acr-large-blob-unexpected-eof"),
        fixture!("615-dotnet-sdk-container-push-acr-task-canceled-timeout"),
        fixture!("616-aks-addon-acr-layer-storage-blob-firewall-cut"),
        fixture!("617-acr-task-from-mcr-client-timeout-not-acr"),
        fixture!("618-kaniko-mcr-data-endpoint-connection-refused-not-acr"),
        fixture!("619-docker-pull-mcr-cdn-config-connection-reset-not-acr"),
        fixture!("620-harbor-registry-replicas-blob-unknown-not-acr"),
        fixture!("621-docker-push-acr-eof-transient-resolved"),
        fixture!("622-azd-up-push-acr-tls-handshake-timeout-docker-login-hint"),
        fixture!("623-docker-desktop-mcr-storage-lookup-resolver-timeout-not-acr"),
        fixture!("636-minikube-registry-creds-acr-admin-daemon-401-placeholder"),
        fixture!("637-aks-edge-sandbox-pause-image-acr-anonymous-token-401"),
        fixture!("638-external-secrets-acraccesstoken-pull-secret-anonymous-token-401"),
        fixture!("639-k8s-dashboard-acr-daemon-401-twice-bracketed"),
        fixture!("640-kwctl-pull-acr-policy-authentication-failure-json"),
        fixture!("641-akv2k8s-env-injector-acr-v2-non-successful-401-escaped"),
        fixture!("642-openshift-docker-hub-private-dockercfg-secret-linked-401-not-acr"),
        fixture!("643-minikube-nexus-http-registry-no-basic-auth-credentials-not-acr"),
        fixture!("644-aks-mcr-metrics-adapter-errimagepull-no-reason-not-acr"),
        fixture!("624-azure-login-70021-pull-request-subject-portal-hyphen"),
        fixture!("625-azure-login-v2-7002138-job-workflow-ref-owner-case"),
        fixture!("626-azd-pipeline-70021-branch-subject-escaped-trace"),
        fixture!("627-azure-login-v2-self-hosted-id-token-request-undefined-message"),
        fixture!("628-azure-login-700213-branch-token-environment-credential"),
        fixture!("629-claude-code-action-oidc-utils-no-id-token-url-not-acr"),
        fixture!("630-nuget-publish-failed-to-get-id-token-no-url-not-acr"),
        fixture!("631-azure-bot-sso-7002137-entra-subject-not-github"),
    ]
}

/// Each log's expected root cause, as the thread established it.
const EXPECTED: &[(&str, &str)] = &[
    ("01-azure-login-700213-environment", "AL013"),
    ("02-azure-login-70021-step-links", "AL010"),
    ("03-azure-login-700211-mangled-code", "AL011"),
    ("04-azure-login-7002138-case", "AL017"),
    ("05-azure-login-700213-reusable-workflow", "AL013"),
    ("06-terraform-700213-json", "AL013"),
    ("07-devops-700213-masked", "AL013"),
    ("08-azure-login-7000215-mangled-timestamp", "AL021"),
    ("09-azure-login-700016-masked", "AL022"),
    ("10-azure-login-no-id-token-then-50027", "AL001"),
    ("11-msal-700024-assertion-expired", "AL002"),
    ("12-az-acr-login-debug-refresh-token-error", "AL513"),
    ("13-az-acr-login-challenge-error-404", "AL510"),
    // The 504 says why the access token failed: the service, not a missing catalog role.
    ("14-az-acr-show-tags-access-token-504", "AL213"),
    ("15-az-acr-login-not-logged-in", "AL603"),
    ("16-az-acr-login-cloud-shell-no-docker", "AL050"),
    ("17-az-acr-login-windows-docker-api", "AL050"),
    ("18-build-push-ip-denied-json", "AL040"),
    ("19-acr-build-ip-redacted", "AL040"),
    ("20-az-acr-login-private-endpoint-vpn", "AL040"),
    ("21-login-action-no-such-host-masked", "AL041"),
    ("22-devops-docker-no-such-host-masked", "AL041"),
    ("23-docker-login-dns-server-refused", "AL041"),
    ("24-docker-login-client-timeout-token", "AL304"),
    ("25-docker-pull-x509-download-failed", "AL042"),
    ("26-azd-push-tls-handshake-timeout", "AL303"),
    ("27-mcr-toomanyrequests-devops", "AL043"),
    ("28-acr-task-dockerhub-unauthenticated-limit", "AL207"),
    ("29-dockerhub-pull-rate-limit", "AL207"),
    ("30-aks-anonymous-token-401", "AL405"),
    ("31-karpenter-describe-pod-events", "AL405"),
    ("32-aks-oauth-token-401-and-not-found", "AL402"),
    ("33-aks-manifest-unknown-then-401", "AL060"),
    ("34-skopeo-copy-invalid-username-password", "AL032"),
    ("35-devops-docker-push-to-docker-hub", "AL212"),
    ("36-devops-docker-push-unauthorized", "AL200"),
    ("37-compose-build-push-unauthorized", "AL200"),
    // az acr helm push (retired command): "Error: authentication required" names no cause the
    // catalog can tell apart, so only candidates are offered.
    ("38-helm-acr-helm-push-auth", ""),
    // The upstream of a cache rule throttled ACR, not ACR the client.
    ("39-acr-cache-rule-toomanyrequests", "AL214"),
    ("40-vscode-docker-push-client-id-must-be-guid", "AL216"),
    ("41-az-acr-login-sudo-700082", "AL113"),
    ("42-docker-pull-cache-rule-authentication-required", "AL215"),
    // Third pass: other clients against ACR (kaniko, crane, helm, nerdctl, podman, Terraform, AKS).
    // An EOF on /v2/ behind a masked registry names no cause.
    ("43-kaniko-push-check-eof-masked", ""),
    ("44-akv2k8s-webhook-oauth2-token-unauthorized", "AL200"),
    ("45-crane-ls-no-matching-credentials", "AL211"),
    // helm 3.7 did not send the stored login (a helm bug): an anonymous 401 from helm names no
    // cause the catalog can fix; the AKS entry (AL405) keeps to kubelet's wording.
    ("46-helm-install-oci-anonymous-token-401", ""),
    // containerd sent an empty `scope=` (fixed upstream): a client bug, no catalog cause.
    ("47-nerdctl-login-acr-400", ""),
    // nerdctl never prints docker.io: the unqualified name on the push command says it.
    ("48-nerdctl-push-without-login-server", "AL212"),
    ("49-devops-aks-attach-acr-role-assignment", "AL410"),
    ("50-az-aks-update-attach-acr-not-owner", "AL410"),
    ("51-terraform-role-assignment-403-acr-scope", "AL606"),
    ("52-terraform-principal-type-application", "AL609"),
    ("53-docker-login-wrong-username-not-registered", "AL201"),
    ("54-az-acr-login-username-email", "AL200"),
    ("55-kwctl-push-unauthorized-json", "AL200"),
    // Client-side failures (podman's credential store, a bazel rule without ACR's token flow, az
    // crashing, a malformed import source, the .NET SDK's generic CONTAINER1016): nothing known.
    ("56-podman-login-expose-token-illegal-base64", ""),
    ("57-rules-oci-pull-oauth2-token-401", ""),
    ("58-az-aks-check-acr-traceback", ""),
    ("59-az-acr-import-source-unauthorized", ""),
    ("60-azd-dotnet-container-base-image-container1016", ""),
    // Fourth pass: ACR Tasks, Azure DevOps / az on VMs, Docker credential stores, App Service,
    // Container Apps, Argo CD image updater, oras, kubelet behind a firewall.
    // The subscription (free trial) does not allow ACR Tasks: nothing about the registry.
    ("61-az-acr-build-tasks-not-allowed", "AL217"),
    ("62-azd-deploy-tasks-not-allowed", "AL217"),
    // Listing tags needs `metadata_read`; the tool asked for `pull` only: a token scope, not a push role.
    ("63-argocd-image-updater-tags-list-denied", "AL063"),
    // App Service falls back to an anonymous pull after the 404: the missing tag is the cause.
    ("64-app-service-manifest-tagged-not-found", "AL060"),
    ("65-az-login-identity-msi-unreachable", "AL610"),
    ("66-az-acr-login-wincred-stub-bad-data", "AL411"),
    ("67-oras-login-credstore-desktop-not-running", "AL411"),
    // The layer fetch from storage failed; the anonymous 401 is containerd's retry.
    ("68-kubelet-blob-storage-eof", "AL305"),
    // canipull's sign-in line says it is the cluster's own credential, before the AADSTS code.
    ("69-aks-check-acr-sp-secret-adal-401", "AL409"),
    ("70-docker-login-transient-connection-refused", "AL044"),
    ("71-argocd-image-updater-aks-no-credentials", "AL200"),
    // az's `--expose-token` hint is printed with every Docker error: the socket error is the cause.
    ("72-az-acr-login-vm-docker-socket-permission", "AL401"),
    ("73-containerapp-managed-identity-pull-terraform", "AL030"),
    ("74-az-acr-login-wsl2-docker-not-found", "AL400"),
    // acr purge racing its own listing (a tool bug): a 404 in JSON, but no missing image to fix.
    ("75-acr-purge-manifest-unknown-race", ""),
    // pyOpenSSL's tuple form of an untrusted certificate (the proxy's CA).
    ("76-az-acr-login-proxy-certificate-verify-failed", "AL042"),
    // Fifth pass: workload identity outside GitHub (kind, AKS, external-secrets, Pulumi ESC, Azure
    // DevOps), Entra unable to read the issuer, tenant policy on GitHub's claims, Flux and IMDS,
    // ACR's own throttling and locks, the deprecated azure/docker-login, buildx, MCR outages.
    ("77-workload-identity-kind-klog-70021-double-escaped", "AL010"),
    ("78-external-secrets-aks-event-70021-json", "AL010"),
    // The thread is open: the pin rests on the message, which names the issuer as the mismatch.
    ("79-workload-identity-python-700211-aks-issuer", "AL011"),
    ("80-pulumi-esc-700213-autorest", "AL013"),
    // Entra could not read the issuer's discovery document: an Azure DevOps incident that day.
    ("81-devops-azurepowershell-50166-wrapped", "AL018"),
    ("82-workload-identity-self-managed-issuer-50166", "AL018"),
    ("83-azure-login-7002381-enterprise-claim", "AL019"),
    // Several user-assigned identities on the nodes, none named (the cause found in #898).
    ("84-flux-helmrepository-no-default-identity", "AL610"),
    ("85-flux-cli-devops-imds-identity-not-found", "AL610"),
    ("86-aks-event-export-acr-toomanyrequests", "AL043"),
    // A 429 from the token exchange is throttling, whatever az's "az login" advice says.
    ("87-devops-az-acr-refresh-token-429", "AL043"),
    // No word in the thread: the pin rests on ACR's FAQ for "disallowed operation".
    ("88-devops-docker-push-operation-disallowed", "AL205"),
    // No maintainer answer: ACR's wording (the service principal's secret refused) and the poster's
    // "exactly a year".
    ("89-azure-docker-login-invalid-clientid-secret", "AL021"),
    // An en dash for `--`: a usage error no catalog entry describes.
    ("90-az-acr-login-en-dash-name", ""),
    ("91-buildx-kubernetes-driver-anonymous-401", "AL211"),
    // MCR's outage (microsoft/containerregistry#193): public images need no login, nothing to fix.
    ("92-buildx-mcr-outage-anonymous-token-401", ""),
    ("93-docker-pull-mcr-outage-authentication-required", ""),
    ("94-devops-az-login-federated-50166-incident", "AL018"),
    // Sixth pass: Azure services that pull for you (Container Apps, ACI, App Service), scanners and
    // bots (trivy, Renovate, Spring Cloud Data Flow), helm, Flux, ACR Tasks on Windows,
    // geo-replication, content trust, resource providers.
    // The app was created without `--registry-server`: the runner's login is not the app's.
    ("95-containerapp-create-no-registry-server", "AL218"),
    // The registry host never reached the command: an empty or unexpanded variable.
    ("96-containerapp-image-lost-registry-host", "AL204"),
    ("97-vscode-docker-push-subscription-not-registered", "AL611"),
    // trivy's Docker, Podman and containerd lines are fallbacks it tries first; ACR's 401 is the
    // failure. No maintainer word: the pin rests on the message.
    ("98-trivy-fallbacks-then-acr-token-401", "AL200"),
    ("99-acr-geo-replicated-push-manifest-blob-unknown", "AL202"),
    // A helm 3.13.0 bug (helm/helm#12423): nothing to fix on the registry side.
    ("100-helm-3-13-public-acr-head-401", ""),
    // The pin rests on a maintainer's "likely not supported by the Tasks host".
    ("101-acr-task-windows-base-no-matching-manifest", "AL404"),
    // A 500 for a user name ending in a newline (#193): no entry names it, and no outage is claimed.
    ("102-flux-helm-index-500-echo-newline", ""),
    ("103-aci-deploy-empty-registry-server", "AL204"),
    // No cause in the thread: ACR's generic 401, through a masked and link-mangled URL.
    ("104-devops-container-job-masked-link-401", "AL200"),
    // ACI says the same for a wrong image name (this poster's case) and for missing credentials.
    ("105-aci-inaccessible-image", "AL218"),
    ("106-renovate-acr-blob-redirect-authorization", "AL203"),
    // A registry limitation (tokens could not read trust data): nothing to fix, nothing claimed.
    ("107-docker-content-trust-scope-map-token-401", ""),
    // An az limitation fixed in a later az: nothing about the registry.
    ("108-az-acr-manifest-list-oci-index", ""),
    ("109-spring-dataflow-acr-blob-400-invalid-authentication-info", "AL203"),
    ("110-arm-deployment-missing-subscription-registration-json", "AL611"),
    // az fell back to the admin user, which is off: AL061 names both ways out.
    ("111-app-service-no-credentials-admin-disabled", "AL061"),
    // The webhook, not kubelet, reads the image, and was given no credentials (as in 71).
    ("112-sigstore-policy-webhook-acr-token-401", "AL200"),
    // ACR Tasks run outside the VNet: the firewall refused the task's own login.
    ("113-acr-task-run-public-access-disabled", "AL040"),
    // Azure ML compute pulls with the workspace's registry credentials, not the user's.
    ("114-azureml-serverless-pull-admin-disabled", "AL218"),
    // The message names the fix (resync the workspace keys); the thread has no answer.
    ("115-azureml-run-registry-resync-keys", "AL218"),
    // Seventh pass: other build tools and SDKs against ACR (bicep / .NET SDK, jib, skaffold,
    // PowerShell), Kubernetes distributions outside AKS, and logs that are not about ACR at all.
    // The thread has no answer; in microsoft/azure-container-apps#238 the same error came from
    // authentication-as-arm disabled, which AL218 names: the pin rests on that other thread.
    ("116-containerapp-arm-put-webhook-token-401", "AL218"),
    // No maintainer word in either: the pins rest on ACR's "retrieving permissions failed".
    ("117-bicep-publish-401-retrieving-permissions", "AL030"),
    ("118-dotnet-sdk-list-tags-escaped-401", "AL030"),
    // No cause in the thread: ACR's generic 401 through jib's wrapper.
    ("119-jib-maven-build-image-failed-401", "AL200"),
    // A skaffold bug (the 401 is skaffold reading back what jib pushed): nothing to claim.
    ("120-skaffold-jib-getting-image-401", ""),
    // The pin rests on "anonymous token": no credentials reached containerd for this pull.
    ("121-k0s-containerd-anonymous-token-401", "AL405"),
    // An Azure Artifacts NuGet feed's 401 inside `docker build`: not a registry's.
    ("122-dotnet-docker-nuget-feed-401-not-acr", ""),
    // Az.ContainerRegistry surfaced the credential helper's info line as an error (a module bug).
    ("123-connect-azcontainerregistry-credential-desktop-stderr", ""),
    // A maintainer (Azure/acr#751): the catalog takes a `*` scope map; the 401 names no cause alone.
    ("124-scope-map-token-catalog-unauthorized", "AL063"),
    // The poster's word: the cluster used the wrong service principal; the 500 is noise.
    ("125-aks-docker-500-then-unauthorized-wrong-sp", "AL402"),
    // The poster's fix: the pod spec named no `imagePullSecrets`; the Docker runtime's 401 cannot
    // tell that from refused credentials, and AL402 names both.
    ("126-aks-lab-no-image-pull-secrets-daemon-401", "AL402"),
    // Cloud Shell's identity endpoint refuses the ACR audience (an open Cloud Shell bug): no
    // identity is missing, nothing to claim.
    ("127-cloud-shell-msi-audience-not-supported", ""),
    // An extension bug (a client option it did not set): nothing about the registry.
    ("128-vscode-containerapps-js-sdk-audience-unset", ""),
    // Secrets that resolve to nothing: an environment secret in a job naming no `environment:`
    // (the poster's word and the empty value in the env block), and a pull request from a fork.
    ("129-login-action-environment-secret-empty", "AL003"),
    ("130-login-action-fork-pr-no-secrets", "AL003"),
    // `echo "" | docker login --password-stdin`: the pin rests on the command as logged.
    ("131-docker-login-password-stdin-empty-non-tty", "AL003"),
    // A maintainer (Azure/login#302): azure/login needs az on the runner itself.
    ("132-azure-login-self-hosted-no-az-cli", "AL612"),
    // azure/login's wrapper hid az's error and the thread never named one: nothing to claim.
    ("133-azure-login-creds-az-exit-code-1", ""),
    // Client-side failures of azure/login itself (a container job, a bug fixed in a release, a
    // PowerShell warning read as JSON, a GHES token request that failed): no credential cause.
    ("134-azure-login-container-json-position-1", ""),
    ("135-azure-login-v1-6-1-container-node16-missing", ""),
    ("136-azure-login-azps-warning-not-json", ""),
    // The token request failed on GHES (toolkit's undefined `message`, actions/toolkit#1441): AL006.
    ("137-azure-login-ghes-oidc-getcall-undefined", "AL006"),
    // The ACR Task could not fetch its source: for 138 another user's answer (a PAT not SSO-
    // authorised); for 139 the pin rests on ACR's message alone.
    ("138-acr-build-action-pat-sso-download-context", "AL219"),
    ("139-az-acr-build-actions-download-context", "AL219"),
    // An az 2.26.0 bug on a free account: not the ACR Tasks restriction, nothing to claim.
    ("140-acr-build-action-nonetype-not-callable", ""),
    // No cause in the thread: the pin rests on ACR's generic 401.
    ("141-actions-acr-blob-upload-unauthorized-json", "AL200"),
    // Docker Hub refusing an image name without an account: nothing the ACR catalog can fix.
    ("142-buildx-docker-hub-push-insufficient-scope", ""),
    // GitHub's Actions cache storage refusing a download at the end of a long build: no registry.
    ("143-buildx-gha-cache-403-storage-authenticate", ""),
    // The check-acr FAILED line is explained by the next: the private endpoint's IP timed out.
    // The thread has no answer; the pin rests on the log (check-health from a peered VM passed).
    ("144-aks-check-acr-private-endpoint-exchange-timeout", "AL301"),
    // A Docker@2 regression (2.254.1; 2.248.1 worked): no registry refusal to explain.
    ("145-devops-docker-wif-loc-string-regression", ""),
    // The maintainer's PR: kubelet's ACR credential provider timed out waiting for headers.
    ("146-kubelet-acr-credential-provider-challenge-timeout", "AL304"),
    // kubelet's pull-progress deadline cancelled a large pull: nothing the catalog can fix.
    ("147-aks-large-image-context-canceled", ""),
    // A 500 on manifests with no cause named in the thread: say nothing known.
    ("148-aks-describe-acr-manifest-500", ""),
    // No answer in the thread; the pin rests on the log (reset only from the self-hosted agents).
    ("149-devops-private-agent-push-connection-reset", "AL044"),
    ("150-aks-privatelink-fqdn-x509-valid-for", "AL306"),
    // An az bug in sovereign clouds (labelled bug): the name check-acr resolved is not the registry's.
    ("151-aks-check-acr-usgov-fqdn-appended", "AL408"),
    // acorn's own plain-HTTP registry on AKS, an acorn bug: no ACR involved.
    ("152-acorn-aks-http-response-to-https-client", ""),
    // The poster: it passed the next day; the pin rests on the 504 itself.
    ("153-az-acr-login-504-then-pull-timeout", "AL213"),
    // A Docker@2 failure before any request (labelled bug): nothing to claim.
    ("154-devops-docker-endpoint-auth-data-not-present", ""),
    // Open bug, no answer: the pin rests on Entra's own message.
    ("155-az-login-msal-50076-refresh-failed", "AL114"),
    ("156-az-ad-user-show-530003-azureml-vm", "AL115"),
    ("157-azwi-azureclicredential-530003", "AL115"),
    // The poster's diagnosis (a container on a managed laptop), no maintainer word.
    ("158-terraform-azurerm-530003-devcontainer", "AL115"),
    ("159-az-ad-sp-list-50173-password-reset", "AL113"),
    // The poster's fix (az login after a password change), no maintainer word.
    ("160-steampipe-az-cli-50173-traceback", "AL113"),
    ("161-az-get-access-token-65001-consent", "AL106"),
    ("162-az-acr-login-ssh-mac-keychain", "AL411"),
    // Users' workaround in the thread (drop the keychain store), no maintainer word; Docker Hub.
    ("163-docker-login-mac-keychain-passphrase", "AL411"),
    // The poster: --subscription <the registry's> works; no maintainer word on why.
    ("164-az-acr-login-registry-in-other-subscription", "AL209"),
    // The poster's fix (az account clear; az login), no maintainer word.
    ("165-azd-preprovision-subscription-not-in-cloud", "AL604"),
    ("166-devcontainer-script-53000-not-compliant", "AL115"),
    // Eleventh pass: a user in the wrong tenant, device-code sign-in, the resource asked for, other
    // CI systems (Bitbucket, CircleCI, GitLab, Jenkins) and Arc-enabled nodes.
    // A maintainer: az login only reaches a tenant where the user is a member or an invited guest.
    ("167-az-login-tenant-50020-not-a-guest", "AL116"),
    // Labelled feature-request, no maintainer word: username/password sign-in does not reach a guest;
    // az's own second error points at the browser.
    ("168-az-login-username-password-guest-50034", "AL116"),
    // A maintainer: a sovereign cloud names ARM differently.
    ("169-az-login-scope-arm-china-cloud-500011", "AL026"),
    // Open thread: the pin rests on the message (the login server is not ACR's Entra resource).
    ("170-az-login-scope-acr-login-server-500011", "AL026"),
    // No answer in the thread; the pin rests on a maintainer's explanation in Azure/azure-cli#3808.
    ("171-az-login-device-code-expired", "AL117"),
    // The pending poll logged at ERROR while the sign-in goes on (labelled known-issue): no failure.
    ("172-adal4j-device-code-70016-pending-logged-as-error", ""),
    // az 2.1.0 read docker's warning as an error (fixed in az): the login itself succeeded.
    ("173-bitbucket-az-acr-login-docker-warning-as-error", ""),
    ("174-circleci-az-acr-login-warning-exit-status-1", ""),
    // azd did not know GitLab as a provider yet: a client limitation.
    ("175-gitlab-azd-auth-login-unsupported-federated-provider", ""),
    // A dependency's limitation on Arc-enabled servers (a feature request): nothing to fix.
    ("176-arc-acr-credential-provider-uami-unsupported", ""),
    // A commenter's answer, no maintainer word: the tool was never given the principal, so it asked
    // for a device code in a job nobody watches.
    ("177-jenkins-acs-engine-device-login-prompt", "AL117"),
    // Labelled bug, both sign-in flows failing from one hour on, no user-side cause named.
    ("178-az-login-650057-both-flows-same-day", ""),
    // Twelfth pass: kaniko and Jenkins X / Tekton with ACR's credential helpers, Docker's own
    // credential stores, notation, containerd outside AKS, Container Apps' `up`, dev containers,
    // podman as docker.
    // The helper named in credHelpers is not in the image (a kaniko change; its docs name `acr-env`).
    ("179-kaniko-acr-credential-helper-not-in-path", "AL412"),
    // The helper could not write its own store: the author's fix was the mount, not the credentials.
    ("180-jenkins-x-kaniko-acr-helper-store-dir", "AL411"),
    // The poster's fix (another credential store), no maintainer word on a cause.
    ("181-az-acr-login-pass-helper-no-usernames", "AL411"),
    ("182-notation-login-credentials-store-not-set-up", "AL413"),
    // The poster had az; the plugin did not find it, and the thread named no cause.
    ("183-notation-azure-kv-az-not-recognized", ""),
    // No answer: the pin rests on "anonymous token" (no credentials reached containerd), as in 121.
    ("184-microk8s-ctr-pull-acr-anonymous-token-401", "AL405"),
    // Open bug; the cause as Microsoft's fix in microsoft/GitHub-Copilot-for-Azure#1106 states it.
    ("185-containerapp-up-abac-registry-task-no-credential", "AL220"),
    // A maintainer (microsoft/azure-container-apps#821): `up` wanted the admin credentials; the app
    // needs registry credentials of its own.
    ("186-containerapps-deploy-action-failed-to-retrieve-registry-credentials", "AL218"),
    // Labelled bug in Dev Containers; the thread's workaround is AL411's (drop that credsStore).
    ("187-devcontainer-ssh-az-acr-login-osxkeychain-epipe", "AL411"),
    // A feature request (podman); the stderr notice is what az counted as a Docker failure.
    ("188-az-acr-login-podman-docker-emulation-stderr", "AL500"),
    // No answer: the client did not yet do ACR's token exchange (devcontainers/cli#341).
    ("189-devcontainer-feature-acr-no-credentials-unresolved", ""),
    // Thirteenth pass: helm and the retired `az acr helm` commands, check-health's notary check,
    // registries behind network rules, `az acr import`, `--attach-acr` and acr purge.
    // A helm 3.18.0 regression (labelled bug; 3.17.3 logged in with the same piped token).
    ("190-helm-3-18-registry-login-expose-token-no-username", ""),
    // A maintainer: since az 2.0.55 `az acr helm push` needs `az login`, even with -u/-p.
    ("191-az-acr-helm-push-please-run-az-login", "AL603"),
    // Labelled Bug with an az workaround: the principal had AcrPush, nothing to fix on the registry.
    ("192-az-acr-helm-push-service-principal-authentication-required", ""),
    // Only notary 0.6.0 passes the check (the docs said otherwise): AL507 names it.
    ("193-az-acr-check-health-notary-version-0-6-0", "AL507"),
    // A maintainer's own repro: the registry's VNet rules refused az, which said "no challenge".
    ("194-az-acr-repository-list-vnet-no-challenge-denied", "AL040"),
    // A maintainer: ACR's log shows the request refused for public access disabled (it did not
    // come through the private endpoint); the thread did not say whether DNS or peering was wrong.
    // Pinned AL040 before this pass's changes (counted wrong then); nothing in the log but the
    // no-challenge line says so, and AL510 now names that refusal among its causes and its fix.
    ("195-az-acr-check-health-private-endpoint-challenge-public-access-disabled", "AL510"),
    // The poster's fix: allow the IP on the source registry too (the message names the target).
    ("196-az-acr-import-cross-tenant-source-firewall-ip", "AL040"),
    // An ACR bug (filed by its engineers): import required a scope in the source's challenge.
    ("197-az-acr-import-source-challenge-without-scope", ""),
    // Maintainers: import is an ARM operation; AcrPush alone does not show the registry to ARM.
    ("198-az-acr-import-acrpush-only-registry-not-found", "AL209"),
    // Answers in the thread (caller's rights, directory lookup), a Microsoft workaround: AL410.
    ("199-az-aks-create-attach-acr-validation-error", "AL410"),
    // A subnet's role assignment with failing directory lookups: no registry, nothing to claim.
    ("200-az-aks-create-subnet-role-assignment-graph-400", ""),
    // Open bug, no cause named: the pin rests on ACR's generic 401 (as for 141).
    ("201-acr-purge-untagged-401-pull", "AL200"),
    // Fourteenth pass, first half: decoys, failing logs whose failure is not a registry login although
    // ACR, Azure or Docker words appear in them.
    // A COPY that failed in the build; the login after it succeeded; the push found nothing to push.
    ("202-devops-copy-failed-then-acr-login-no-local-image", ""),
    ("203-az-acr-build-dockerhub-unauthenticated-pull-limit", "AL207"),
    // The maintainer: no image is tagged `latest`; a missing tag, not a refused pull.
    ("204-aks-pull-tag-latest-manifest-unknown", "AL060"),
    // A full disk on the build agent (the maintainer's fix): nothing about any registry.
    ("205-jenkins-docker-push-no-space-left-on-device", ""),
    // ARM refused the template (empty image values) after the images were pushed: not the registry.
    ("206-gha-bicep-container-app-image-required-after-acr-push", ""),
    // An Azure Artifacts npm feed's 401: a package feed, not a registry login.
    ("207-ci-npm-e401-azure-artifacts-feed", ""),
    // apt inside the Dockerfile found no Release files (an end-of-life base): the registry is incidental.
    ("208-devops-docker-acr-build-debian-stretch-apt-404", ""),
    // Second half: ACR areas not covered before (Terraform, quarantine, content trust, ORAS, artifact
    // streaming, cache rules).
    // An empty registry name variable, in the azurerm provider's words: AL204 names that cause.
    ("209-terraform-azurerm-container-registry-empty-name", "AL204"),
    // The registry's quarantine policy: the image is held until a scanner identity clears it.
    ("210-acr-quarantine-manifest-patch-image-quarantined", "AL221"),
    // No cause in the thread: notary's 401 for a signer, nothing the catalog can name.
    ("211-docker-trust-signer-add-401", ""),
    // A known issue of ACR's retention policy (ORAS maintainer): the debug 401 is the normal challenge.
    ("212-oras-push-retention-policy-debug-challenge", ""),
    // Artifact streaming's local proxy on the node failed (open bug): nothing about credentials.
    ("213-aks-artifact-streaming-localhost-8578-context-canceled", ""),
    // An az 2.70 regression (fixed in 2.71): a client bug.
    ("214-az-acr-cache-create-unboundlocalerror-az-2-70", ""),
    // ACR's cache failed on the upstream pull (a maintainer: fixed on ACR's side): no user cause.
    ("215-acr-cache-rule-quay-502-bad-gateway", ""),
    // Fifteenth pass: Windows (cmd.exe behind az.cmd, Docker's wincred store, Windows nodes on AKS),
    // service principal secrets on the command line, Azure services pulling from ACR.
    // A secret starting with `-` read as an option by az (a task bug fixed with `--password=`, an
    // action bug with the same workaround, and az's own hint in a third client).
    ("216-devops-azurecli-task-secret-leading-dash", "AL613"),
    ("217-azure-login-creds-secret-leading-dash", "AL613"),
    ("218-devops-terraform-task-az-login-secret-leading-dash", "AL613"),
    // cmd.exe (az.cmd) cut the secret at `)`: closed as a question; the pin rests on the message and
    // on the CLI team's quoting workaround in Azure/azure-cli#25173 (the next fixture).
    ("219-az-login-sp-close-paren-cmd-unexpected", "AL613"),
    ("220-az-login-password-paren-cmd-echo", "AL613"),
    // The shell cut the secret at `>`; only Entra's refusal is in the log: AL021 names that way too.
    ("221-az-login-sp-secret-gt-redirected-7000215", "AL021"),
    ("222-devops-image-publish-adal-7000222", "AL020"),
    // Open, no maintainer answer: the pin rests on the message (the credential store failed).
    ("223-gha-windows-runner-docker-login-wincred-logon-session", "AL411"),
    // The poster's diagnosis (labelled question): the Windows version, not the 401 after it.
    ("224-aks-windows-node-image-os-version-incompatible-then-401", "AL404"),
    // A maintainer: the first error (no Windows variant) matters, not the anonymous 401.
    ("225-aks-windows-node-no-match-for-platform-then-anonymous-401", "AL404"),
    // No answer; the pin rests on the 404 (as for 64, Azure/acr#124).
    ("226-app-service-webappcontainer-head-tag-not-found-image-pull-failed", "AL060"),
    // A preview limitation whose message names the way out: nothing for the catalog to add.
    ("227-functions-on-container-apps-acr-managed-identity-unsupported", ""),
    // Sixteenth pass: 2025-2026 GitHub OIDC subjects (immutable `owner@id/repo@id`, custom templates,
    // wildcards), GitHub Enterprise Server and Dependabot, ABAC-mode catalog listing, Entra's app and
    // signing-certificate refusals, and tools that push manifests or artifacts.
    // The thread's fix (enable immutable subjects, or drop the IDs), documented by a maintainer.
    ("228-azure-login-immutable-subject-portal-credential-700213", "AL013"),
    // The poster's analysis (closed): the token's immutable subject against a name-based credential.
    ("229-gha-immutable-subject-token-name-based-credential-700213", "AL013"),
    // A custom subject template azd ignored (fixed in azd).
    ("230-azd-auth-login-custom-subject-template-700213", "AL013"),
    // A `*` in `subject` is literal: the merged fix is a flexible credential (claimsMatchingExpression).
    ("231-gha-tag-wildcard-subject-700213-wrapped", "AL013"),
    // No maintainer verdict: the pin rests on the message (GHES issuer not reachable from Entra).
    ("232-azure-login-ghes-issuer-501661", "AL018"),
    // No maintainer verdict: the pin rests on the message and the fork-PR answer in Azure/login#396.
    ("233-azure-login-dependabot-not-all-values-present", "AL003"),
    // Open; the issue's own analysis: ABAC mode, AcrPull only, catalog listing refused.
    ("234-aks-node-bootstrap-abac-acrpull-catalog-401", "AL063"),
    // A client bug in the acrcssc extension (refresh token used as access token): nothing to fix.
    ("235-acrcssc-oci-push-cannot-respond-to-authentication", ""),
    // The thread's answer (not confirmed by the poster): the manifest list's name lacks the registry.
    ("236-devops-manifest-tool-multiarch-push-docker-io-denied", "AL212"),
    ("237-entra-7000112-application-disabled-json", "AL100"),
    // Intermittent, Entra-side, no cause given: nothing for the catalog to claim.
    ("238-azure-login-500031-signing-certificate-intermittent", ""),
    // Seventeenth pass: Azure DevOps with workload identity federation service connections.
    // No answer in the thread; az's debug list of the subscription's registries came back empty, so
    // the 401 is the wrong subscription's token, as in 164 (Azure/azure-cli#15612).
    ("239-devops-azurecli-wif-acr-login-refresh-token-401-not-in-subscription", "AL209"),
    ("240-devops-appconfiguration-wif-clientsecretcredential-required", "AL614"),
    ("241-devops-adf-task-wif-clientsecretcredential-required", "AL614"),
    // The poster's analysis, no maintainer answer.
    ("242-devops-costdata-task-wif-secret-non-empty-string", "AL614"),
    ("243-devops-appconfiguration-wif-automatic-clientsecretcredential", "AL614"),
    // A bare 401 from a task: the thread's workaround hints at missing WIF support, the line says nothing.
    ("244-devops-apim-task-wif-remote-server-401", ""),
    ("245-devops-routetraffic-task-wif-auth-token-401", ""),
    // Terraform's azurerm provider refusing an az CLI service principal login: outside the catalog.
    ("246-devops-azurecli-wif-terraform-cli-auth-service-principal", ""),
    // Eighteenth pass: ACR's clients outside docker (bicep modules, helm charts, Terraform's
    // helm_release), Container Apps, Azure Local and AKS node identities.
    // A maintainer: the template's public registry was gone (rehosted); its name did not resolve.
    ("247-azd-containerapp-template-registry-gone-no-such-host", "AL041"),
    // Open, no answer: the pin rests on the message (no az or Azure PowerShell sign-in in the
    // tool's process) and the poster's failed `az login` in an earlier task.
    ("248-msdo-template-analyzer-bicep-restore-not-signed-in", "AL603"),
    // Helm 3 charts in ACR are OCI artifacts: no index.yaml to add or fetch (Azure/acr#653).
    ("249-devops-helm3-repo-add-acr-index-yaml-404", "AL222"),
    ("250-terraform-helm-release-https-acr-index-yaml-404", "AL222"),
    // `helm repo add` does not take OCI registries (helm/helm#10565); the thread never said.
    ("251-helm-repo-add-oci-acr-object-required", "AL222"),
    // The CLI team: the local identity provider does not know ACR's audience (a workaround pins it).
    ("252-az-acr-login-azure-local-aadsts50001-acr-audience", "AL026"),
    // No answer: the pin rests on the message (Azure PowerShell did not answer in time).
    ("253-devops-azurepowershell-bicep-restore-powershell-timed-out", "AL615"),
    // The registry is in another tenant: ACR's generic 401, whose cause now names that case.
    ("254-bicep-restore-registry-in-other-tenant-401", "AL200"),
    // The poster's finding: AcrPull on the cluster's identity, not the kubelet's (AL405 names it).
    ("255-aks-acrpull-on-control-plane-identity-anonymous-401", "AL405"),
    // A client-side limitation of the VS Code credential (open): nothing to claim.
    ("256-bicep-vscode-credential-stored-credentials-not-found", ""),
    // No answer: helm's own credentials refused at ACR's token endpoint, not a kubelet's.
    ("257-terraform-helm-release-oci-oauth-token-401", "AL200"),
    // Nineteenth pass: tools that run helm for you (Argo CD, kustomize), oras, ACR Tasks and Azure ML
    // on network-restricted registries, IoT Edge, virtual nodes, Functions over a VNet, Windows.
    // Labelled bug: Argo CD gave helm no credentials for a dependency's registry (as in 46: nothing
    // the registry can fix, and no kubelet); the same for kustomize's own HELM_CONFIG_HOME, where
    // the pin rests on the message. Both were AL405 before this pass (counted wrong).
    ("258-argocd-helm-dependency-build-acr-anonymous-401", ""),
    ("259-argocd-kustomize-enable-helm-acr-anonymous-token-401", ""),
    // The maintainer: oras read the Docker CLI's credentials, and Docker was never logged in.
    ("260-oras-discover-acr-docker-cli-not-logged-in", "AL200"),
    // An ACR engineer: trusted-service access admits a task's system-assigned identity only (nothing
    // found before this pass).
    ("261-acr-task-user-assigned-identity-trusted-services-exchange-403", "AL040"),
    // The message and the PR's fix: an image build compute in the VNet (nothing found before).
    ("262-azureml-workspace-acr-vnet-image-build-compute-not-valid", "AL223"),
    // Open bug: buildx-pushed images fail where docker-pushed ones pull, same credentials.
    ("263-functions-vnet-image-pull-buildx-image-unexpected-failure", ""),
    // No answer: the pins rest on ACR's words inside the edge agent's StatusCode:500.
    ("264-iotedge-agent-pull-invalid-clientid-status-500", "AL021"),
    // Open, a provider version that did not map the pull credentials: a client limitation.
    ("265-virtual-kubelet-aci-1-6-no-username-in-auth-config", ""),
    ("266-iotedge-agent-pull-authentication-required-status-500", "AL200"),
    // BuildKit cannot start on Windows Server's engine: nothing reached the registry.
    ("267-windows-server-buildx-privileged-mode-before-private-acr-push", ""),
    // Twentieth pass: Azure services that pull from ACR themselves (App Service, Container
    // Instances, Container Apps, Service Fabric, one fed by an Azure DevOps release).
    // Open, no answer: App Service's own pull, its managed identity (msiProxy) in view, refused;
    // the pin rests on the message. AL200 before this pass (counted wrong).
    ("268-app-service-msi-proxy-docker-hub-pull-401", "AL218"),
    // The layer could not be extracted (a restart fixed it, as in Azure/acr#124): the 401 is App
    // Service's retry without credentials. AL200 before (counted wrong).
    ("269-app-service-register-layer-host-id-then-401", ""),
    // No answer: the pin rests on the message (App Service's pull refused). AL200 before.
    ("270-app-service-head-401-after-appsettings-bad-request", "AL218"),
    // Open: the pin rests on the message and App Service's documented public pull path. Nothing
    // found before.
    ("271-app-service-vnet-integration-private-acr-denied", "AL224"),
    // ACI's wording of Docker Hub's pull rate limit (maintainers in data-safe-haven#1984). Nothing
    // found before, for all three.
    ("272-aci-az-container-create-registryerrorresponse-docker-hub", "AL207"),
    ("273-aci-terraform-container-group-409-registryerrorresponse", "AL207"),
    ("274-aci-yaml-two-errors-registryerrorresponse-then-500", "AL207"),
    // Open bug: a group from a file takes no `--registry-username`; ACI's message in the poster's
    // "azure registry credential" words. Nothing found before.
    ("275-aci-yaml-multi-container-azure-registry-credential", "AL218"),
    // Right before: ACR's firewall message, through ACI's pull.
    ("276-aci-private-acr-firewall-client-ip-denied", "AL040"),
    // Open, a platform behaviour (24 h after start): only the back-off, nothing to claim.
    ("277-containerapp-revision-imagepullfailure-after-24h", ""),
    // The task team: Service Fabric's history check fails on a Windows version mismatch. Nothing
    // found before (counted wrong).
    ("278-devops-service-fabric-image-history-check-os-version", "AL404"),
    // Closed without a cause: a 500 from the node's daemon, nothing about the registry.
    ("279-service-fabric-getimagehistory-internal-server-error", ""),
    // Twenty-first pass: developer build and test tools reading Docker's credentials themselves
    // (testcontainers, docker-maven-plugin, the .NET SDK), local clusters, Docker's credential
    // stores, VS Code, Visual Studio and Codespaces.
    // The poster's analysis (and Azure/acr#709): the store's `<token>` user name sent as a user name.
    ("290-testcontainers-node-desktop-helper-token-user-name-client-id-must-be-guid", "AL216"),
    // Labelled bug (the identity token not sent): ACR's bare `UNAUTHORIZED` names no cause alone.
    ("291-testcontainers-node-identitytoken-ignored-unauthorized-json", ""),
    // The issue's analysis: the empty password sent instead of the identity token; AL200's cause
    // names that now (AL200 was found before, without it: counted wrong).
    ("292-testcontainers-dotnet-identitytoken-ignored-authentication-required", "AL200"),
    // The issue's analysis, fixed in the plugin: ACR's older wording of AL216 (nothing found before).
    ("293-docker-maven-plugin-helper-token-as-password-sp-unknown-error", "AL216"),
    // A maintainer's sample: no entry in the credential store for the registry (nothing found before).
    ("294-dotnet-sdk-container-desktop-helper-credentials-not-found", "AL211"),
    // Open, no answer: kubelet's event wrapped over lines, as in 126 (AL200 before: counted wrong).
    ("295-tye-local-kubernetes-daemon-pull-401-no-pull-secret", "AL402"),
    // The poster's fix: az acr login (Docker's registry login had lapsed).
    ("296-vscode-terminal-docker-push-not-logged-in-401", "AL200"),
    // A Docker Desktop 4.4.3 bug fixed in 4.4.4: nothing to claim.
    ("297-az-acr-login-wsl2-docker-desktop-4-4-3-credstore-updated", ""),
    ("298-az-acr-login-ubuntu-vm-secretservice-dbus-no-x11", "AL411"),
    // A Codespaces limitation of 2020 (private registries not supported yet).
    ("299-codespaces-dockerfile-private-acr-base-not-supported", ""),
    // A local "No such image" after a pull that failed unreported: nothing the message can name.
    ("300-testcontainers-dotnet-no-such-image-after-az-acr-login", ""),
    // No cause in the thread: the pin rests on ACR's 401 to the login Visual Studio ran.
    ("301-visual-studio-publish-docker-login-401", "AL200"),
    // Twenty-second pass: look-alikes, failing logs whose cause is not ACR or the federation in
    // front of it although their words are ACR's entries' (other registries, other clouds' OIDC,
    // Azure Storage and Key Vault). Counted wrong before: 302-310, 314, 315 (an ACR or identity
    // cause claimed).
    // Docker Hub without a login (the fix logs in), a private GHCR package (made public), a GHCR
    // chart not readable anonymously, Harbor 1.9 answering containerd's token POST with 403, a
    // GHCR incident, a Docker Hub account not allowed to push there, Argo CD Image Updater on
    // Docker Hub and DigitalOcean, docker/login-action against Harbor: nothing the catalog knows.
    ("302-earthly-save-image-docker-hub-oauth-token-401-not-acr", ""),
    ("303-buildx-from-private-ghcr-image-anonymous-token-401-not-acr", ""),
    ("304-helm-install-oci-ghcr-oauth-token-403-not-acr", ""),
    ("305-harbor-containerd-oauth-token-403-no-host-not-acr", ""),
    ("306-podman-ghcr-incident-unable-to-retrieve-auth-token-not-acr", ""),
    ("307-buildx-docker-hub-push-denied-bare-line-not-acr", ""),
    ("308-argocd-image-updater-docker-hub-tags-denied-not-acr", ""),
    ("309-argocd-image-updater-digitalocean-tags-401-not-acr", ""),
    ("310-login-action-harbor-v2-401-not-acr", ""),
    // AWS STS and Google's Workload Identity Federation refusing GitHub's token: nothing found,
    // right before.
    ("311-aws-oidc-not-authorized-assume-role-with-web-identity", ""),
    ("312-gcp-wif-federated-token-invalid-target", ""),
    // GitHub's own OIDC wording, whichever cloud asked for the token: AL001 applies (right before).
    ("313-gcp-auth-no-id-token-permission-github-oidc", "AL001"),
    // Blob Storage refusing a token from another tenant: not ACR's forwarded header (AL203 before).
    ("314-azd-remote-state-blob-issuer-validation-failed", ""),
    // Open, no answer: every credential of the chain unavailable on a GitLab runner; the pin rests
    // on the message (AL610 before).
    ("315-gitlab-defaultazurecredential-key-vault-chain-unavailable", ""),
    // Generic entries that truly apply (right before): Docker had no login for the ECR host in the
    // name (a wrong account ID), and ARM refused a control-plane action.
    ("316-ecr-push-no-basic-auth-credentials-wrong-account", "AL211"),
    ("317-terraform-backend-listkeys-authorizationfailed", "AL606"),
    // Twenty-third pass: look-alikes beyond registries, failing logs whose failure is not ACR's
    // or its federation's (git and the GitHub API, npm, kubectl, Docker builds, Azure Storage, ARM,
    // App Service deploys). Counted wrong before: 321-325, 328-330 (a cause claimed).
    // A push the bot's token may not make, npm's own token, kubelogin's shared token cache (the
    // maintainer), Storage's data role, Kudu's basic authentication: nothing found, right before.
    ("318-git-push-github-actions-bot-403-not-acr", ""),
    ("319-npm-publish-e401-whoami-not-acr", ""),
    ("320-kubectl-kubelogin-must-be-logged-in-not-acr", ""),
    // `docker build` (and the runner building an action's image) without a daemon: no login, so
    // not AL050's cause (AL050 before).
    ("321-docker-build-cannot-connect-daemon-not-acr", ""),
    ("322-runner-action-container-build-docker-api-not-acr", ""),
    // GitHub's API throttled the runner's action download: not ACR's limits (AL043 before).
    ("323-runner-action-download-429-api-github-not-acr", ""),
    // A RUN step for another architecture without emulation: the builder's, not a node's (AL404
    // before).
    ("324-buildx-run-exec-format-error-no-emulation-not-acr", ""),
    // Storage's own listing with the client's own credentials: no registry redirect (AL203 before).
    ("325-storage-list-invalid-authentication-info-not-acr", ""),
    ("326-pulumi-storage-blob-authorization-permission-mismatch-not-acr", ""),
    // ARM's linked-scope refusal: AL606 is only a candidate (its words differ), right before.
    ("327-terraform-subnet-linked-authorization-failed-route-table", ""),
    // GitLab's API and a revoked OAuth token: not an ACR token (AL032 before).
    ("328-gitlab-api-invalid-token-revoked-not-acr", ""),
    // git refused without the job's permissions in view: a private Go module; a GitHub incident in
    // 2020, before `id-token` existed (AL007 before, both).
    ("329-go-mod-download-private-module-terminal-prompts-disabled-not-acr", ""),
    ("330-checkout-private-repo-not-found-github-incident", ""),
    // Generic entries that truly apply whatever the target (right before): a TLS-inspecting proxy
    // (the maintainer's answer), and Entra refusing the federated token kubelogin sent for AKS.
    ("331-go-build-proxy-golang-x509-unknown-authority", "AL042"),
    ("332-kubelogin-workload-identity-devops-token-50027", "AL110"),
    ("333-az-webapp-deploy-zip-kudu-401-not-acr", ""),
    // Twenty-fourth pass: look-alikes in CI services and clusters, failing logs whose failure is
    // not ACR's or its federation's (vulnerability DB downloads, the Actions cache, admission
    // webhooks, CNI, Key Vault, Azure Policy, other registries' pushes, a test database, Docker
    // Hub's storage). Counted wrong before: 335, 337-340, 345-348 (an ACR cause claimed).
    // GHCR throttling trivy's DB download in words no entry has: nothing found, right before.
    ("334-trivy-db-ghcr-toomanyrequests-retry-after-not-acr", ""),
    // Docker Hub's 429 with its rate-limit link: its pull limit, not ACR's (AL043 before).
    ("335-docker-hub-toomanyrequests-download-rate-limit-link", "AL207"),
    // Docker Hub's pull limit through testcontainers: AL207 applies (right before).
    ("336-testcontainers-build-docker-hub-pull-rate-limit", "AL207"),
    // The Actions cache service's own limit (AL043 before).
    ("337-actions-cache-restore-429-cache-service-not-acr", ""),
    // Admission webhooks and a CNI plugin reaching the cluster's own services and API server: not
    // a registry's network (AL301 or AL304 before).
    ("338-helm-cert-manager-webhook-svc-connection-refused-not-acr", ""),
    ("339-prometheus-operator-webhook-svc-client-timeout-not-acr", ""),
    ("340-calico-failedcreatepodsandbox-apiserver-io-timeout-not-acr", ""),
    // Key Vault through the CSI driver and Terraform, Azure Policy, a helm chart repository that
    // moved: nothing found, right before.
    ("341-csi-keyvault-failedmount-nmi-404-not-acr", ""),
    ("342-terraform-keyvault-secret-forbiddenbyrbac-not-acr", ""),
    ("343-terraform-storage-requestdisallowedbypolicy-not-acr", ""),
    ("344-terraform-helm-bitnami-index-yaml-403-not-acr", ""),
    // containers/image's `Error writing blob` from Quay and OpenShift's registry: not ACR's
    // geo-replicas (AL202 before).
    ("345-buildah-push-quay-error-writing-blob-not-acr", ""),
    ("346-podman-push-openshift-registry-error-writing-blob-500-not-acr", ""),
    // A test database on this machine refused the connection (AL044 before).
    ("347-tests-econnrefused-localhost-postgres-not-acr", ""),
    // Docker Hub's layer storage unreachable: not ACR's data endpoints (AL305 before), but the
    // connection entry applies to any registry's host on port 443 (AL044, right before in 349).
    ("348-buildx-docker-hub-storage-connection-reset", "AL044"),
    ("349-compose-docker-hub-storage-dial-io-timeout", "AL044"),
    // Twenty-fifth pass: workload identity federation to Entra outside GitHub Actions: Kubernetes
    // (the azure-workload-identity webhook, its projected token, a managed identity behind it),
    // self-hosted Terraform dynamic credentials, Entra's refusals of its own tokens. Counted wrong
    // before: 361-366 (nothing found).
    // The poster's fix (the credential recreated): the pin rests on Entra's message; the subject is
    // the service account's, as Entra printed it (right before).
    ("358-wi-kubectl-create-token-az-login-700213-serviceaccount", "AL013"),
    // Open, intermittent: the pin rests on the message (right before).
    ("359-wi-python-clientauthenticationerror-70021-aks-intermittent", "AL010"),
    // The identity's resource ID in the client-id annotation: AL022 (right before; its cause now
    // names that way too).
    ("360-wi-quick-start-700016-uami-resource-id-as-client-id", "AL022"),
    // The webhook never set up the pod (a maintainer in 461 and 629; 935's message names it).
    ("361-wi-quick-start-webhook-not-injected-token-file-empty", "AL416"),
    ("362-ratify-acr-workload-identity-tenant-id-env-empty", "AL416"),
    ("363-appconfig-provider-workload-identity-no-token-file-specified", "AL416"),
    // Entra's own tokens as the assertion: the docs' note for 364, the poster's analysis for 365.
    ("364-entra-700222-entra-issued-token-as-federated-assertion", "AL119"),
    ("365-wi-mi-fic-double-hop-700231", "AL119"),
    // The self-hosted issuer's header named no key (fixed in OTF).
    ("366-otf-azure-dynamic-credentials-5002723-no-kid", "AL015"),
    // The token file read once and kept past its hour (the fix); right before.
    ("367-risingwave-workload-identity-700024-token-read-once", "AL002"),
    // The registry's URL asked for as the resource (fixed in the generator); right before.
    ("368-external-secrets-acr-generator-500011-registry-as-resource", "AL026"),
    // A client bug (the token endpoint given as the authority): nothing to claim, right before.
    ("369-ratify-acr-workload-identity-msal-authority-client-bug", ""),
    // Twenty-sixth pass: look-alikes in deploys, clusters and credential stores, failing logs whose
    // failure is not ACR's or its federation's, or is in words whose entry names a cause whatever
    // the target. Counted false positive before: 392, 393 (an ACR network cause claimed).
    // A tag never pushed to Docker Hub: a missing tag in every registry's words (like 204).
    ("382-kubelet-docker-hub-tag-never-pushed-manifest-unknown", "AL060"),
    // A private GHCR package pulled without credentials that can read it: AL062's cause, "a pull
    // without credentials refused", whatever the registry.
    ("383-docker-pull-ghcr-private-package-read-package-denied", "AL062"),
    // GHCR's own refusals in words no entry has: nothing found, candidates only.
    ("384-kubelet-ghcr-denied-then-name-unknown-not-acr", ""),
    ("385-aks-kubelet-ghcr-private-image-unauthorized-not-acr", ""),
    // Container Instances pulls with the credentials set on the container group, whatever the
    // registry: AL218 (the maintainer: authenticate to GHCR there).
    ("386-aci-ghcr-image-not-accessible-registry-credential", "AL218"),
    // An Azure Artifacts feed inside `docker build`, Azure DevOps Server refusing a trigger: nothing.
    ("387-devops-docker-build-nuget-restore-artifacts-401-not-acr", ""),
    // Entries that apply whatever the target: no az session in the step (Terraform's backend),
    // Entra refusing a service connection's secret (an App Service deploy), Windows' credential
    // manager refusing a long registry token (ECR's), DNS with no answer (an AKS API server), a
    // request that timed out on its way (the Terraform registry behind an ISP's block).
    ("388-devops-terraform-init-backend-please-run-az-login", "AL603"),
    ("389-devops-webapp-deploy-aadsts50012-invalid-client-secret", "AL021"),
    ("390-ecr-login-windows-wincred-stub-bad-data", "AL411"),
    ("391-devops-trigger-build-tf400813-anonymous-not-acr", ""),
    // kubectl could not reach the cluster's API server: not a registry's network (AL303 and AL044
    // before).
    ("392-kubectl-aks-api-server-tls-handshake-timeout-not-acr", ""),
    ("393-kubectl-api-server-dial-io-timeout-not-acr", ""),
    ("394-kubectl-aks-api-server-no-such-host", "AL041"),
    ("395-terraform-registry-client-timeout-provider-packages", "AL304"),
    // Twenty-eighth pass: Azure services that pull from a registry on their own (Batch pools,
    // Databricks clusters, OpenShift on Azure, Azure ML endpoints on Kubernetes and managed,
    // Container Apps jobs, Spring Apps, Cromwell on Azure). Counted wrong before: 410 (AL200),
    // 413 and 417 (nothing found).
    // Batch's own pull (`ContainerInvalidImage`) refused by ACR: the pool's registry settings.
    ("410-batch-pool-acr-containerinvalidimage-unauthorized-no-registry-credentials", "AL218"),
    // A private Docker Hub image that Batch pulled without the pool's credentials (they apply to
    // names with the registry): a pull without credentials, whatever the registry (right before).
    ("411-batch-pool-docker-hub-private-pull-access-denied", "AL062"),
    // Batch's node agent timing out on the local Docker daemon: nothing (right before).
    ("412-batch-task-containerinvalidsettings-docker-read-timeout-not-acr", ""),
    // Databricks Container Services' refusal: the cluster's registry credentials or the image name.
    ("413-databricks-container-services-image-doesnt-exist-or-invalid-credential", "AL218"),
    // A pull secret whose app ID lost a character: the credentials ACR refused (right before).
    ("414-openshift-on-azure-acr-pull-secret-appid-mispasted-401", "AL200"),
    // No reason printed (Spring Apps' action), Cromwell's call-caching lookup, Azure ML's image
    // fetcher whose log was not pasted, a Container Apps job's identity volume: nothing (right
    // before).
    ("415-spring-apps-deploy-custom-container-ghcr-no-error-not-acr", ""),
    ("416-cromwell-on-azure-registry-not-supported-call-caching-not-acr", ""),
    // The endpoint identity's ACR token exchange refused, in Azure ML's Kubernetes words.
    ("417-azureml-kubernetes-endpoint-acr-token-exchange-forbidden", "AL030"),
    ("418-azureml-managed-online-endpoint-image-pull-failed-image-fetcher", ""),
    ("419-containerapp-job-identity-config-configmap-not-found-not-acr", ""),
    // Twenty-seventh pass: tools that pull and push for themselves (cosign's keychain, porter, rad,
    // a scanner, kpack), and look-alikes of them against other registries. Counted wrong before:
    // 397, 398 (AL405, a kubelet's), 400 (AL200, ACR's), 401 (nothing found).
    // go-containerregistry sent the helper's `<token>` user name as one (fixed upstream): AL200's
    // cause names a tool that ignores the identity token (right before, as 292).
    ("396-cosign-verify-k8s-keychain-acr-helper-token-user-401", "AL200"),
    // porter's own pull with no credentials where it ran (the fix gave the driver them); the copy
    // from Microsoft's quickstart registry rests on the message.
    ("397-porter-cnab-driver-pull-bundle-anonymous-token-401", "AL211"),
    ("398-porter-copy-quickstart-bundle-anonymous-token-401", "AL211"),
    // Radius fetched the recipe without credentials: ACR's 401 as printed (right before).
    ("399-rad-recipe-show-private-acr-recipe-escaped-401", "AL200"),
    // The registry's host alone, read as a Docker Hub repository (the URL is index.docker.io's).
    ("400-cnspec-scan-acr-host-without-repository-docker-hub-401", "AL212"),
    // go-containerregistry's refresh-token grant (POST) refused an hour in: AL032.
    ("401-kpack-controller-aks-mi-refresh-token-post-401-after-1h", "AL032"),
    // Docker Hub refusing credentials meant for another registry (a grype bug), a GHCR image not
    // readable anonymously, jib pushing to Docker Hub: nothing the catalog knows (right before).
    ("402-grype-registry-auth-sent-to-docker-hub-401-not-acr", ""),
    ("403-copa-action-ghcr-anonymous-token-401-not-acr", ""),
    ("404-jib-gradle-docker-hub-push-registry-unauthorized-not-acr", ""),
    // Twenty-ninth pass: the push side once the login worked (layer uploads, registry caches,
    // attestations and signatures, `az acr import`'s target, `helm push`), and the same words from
    // other registries. Counted wrong before: 424, 425 and 432 (nothing found).
    // A layer upload the registry no longer took (416 at its range, BLOB_UPLOAD_UNKNOWN): the pin
    // rests on the message for 424 (open), on the ACR SDK owners' note for 425.
    ("424-buildx-sbom-attestation-acr-blob-upload-416", "AL229"),
    ("425-sdk-net-acr-upload-blob-blob-upload-unknown", "AL229"),
    // The same upload code from GHCR, a cache manifest refused by Pulp, a provenance attestation
    // refused by Alibaba Cloud's registry (also "ACR"): nothing (right before).
    ("426-dotnet-container-ghcr-blob-upload-invalid-not-acr", ""),
    ("427-buildx-cache-manifest-pulp-400-not-acr", ""),
    ("428-buildx-provenance-alicloud-acr-empty-config-denied-not-acr", ""),
    // A tag left naming a missing manifest by an `az acr import --force` race (right before; the
    // entry's cause now names it).
    ("429-az-acr-import-force-race-target-manifest-unknown", "AL060"),
    // A 503 on a layer push and Artifactory's refusal of a cosign attestation name no catalog
    // cause (right before).
    ("430-docker-push-acr-layer-503-service-unavailable", ""),
    ("431-cosign-attest-att-manifest-invalid-could-not-locate-artifact", ""),
    // `helm push` to a reference whose repository is not a valid name: the pin rests on the message.
    ("432-helm-push-oci-acr-invalid-reference-invalid-repository", "AL204"),
    // Thirtieth pass: CI systems other than GitHub Actions and Azure DevOps (Concourse, Prow,
    // Jenkins, Tekton and Jenkins X, Kubeflow Pipelines on Argo), and look-alikes of them against
    // their own registries. Counted wrong before: none (0 of 10).
    // `az acr login` in a CI container with no Docker daemon (a Concourse task; Prow's DinD not
    // started): the login's daemon.
    ("438-concourse-az-acr-login-username-password-no-docker-daemon", "AL050"),
    ("439-prow-capz-az-acr-login-dind-daemon-not-running", "AL050"),
    // Jenkins' Azure credential with a certificate sets no AZURE_CLIENT_SECRET: `-p` got no value.
    ("440-jenkins-azure-credentials-certificate-sp-no-client-secret", "AL613"),
    // kaniko's image without the helper the config names (Tekton / Jenkins X).
    ("441-tekton-jenkins-x-kaniko-acr-env-helper-not-in-image", "AL412"),
    // A step image without a tag: `latest` never pushed (the tag also ended the 401 beside it).
    ("442-kubeflow-pipeline-acr-image-without-tag-manifest-unknown-then-401", "AL060"),
    // GitLab's dind service not resolvable (gitlab-ci-local), Drone's secrets not passed to its
    // Docker Hub push, ECR refusing Argo Workflows' controller, kaniko pushing to Docker Hub
    // without its mounted config: nothing the catalog knows.
    ("443-gitlab-ci-local-dind-docker-login-service-lookup-not-acr", ""),
    ("444-drone-docker-plugin-guest-mode-docker-hub-push-denied-not-acr", ""),
    ("445-argo-workflows-controller-ecr-entrypoint-lookup-401-not-acr", ""),
    ("446-tekton-kaniko-docker-hub-push-secret-not-mounted-not-acr", ""),
    ("447-jenkins-x-kaniko-acr-linux-helper-renamed-not-in-path", "AL412"),
    // Thirty-first pass: whole CI logs whose login worked (docker's warnings, `Login Succeeded`,
    // az's account list, a push's retries) and a later step failed. Counted as false positives
    // before: 448 (AL117, the device-code prompt of a sign-in that completed), 1 of 10.
    // The prompt was answered (az printed the account list); `az acr build` failed packing its
    // source, before any request to the registry.
    ("448-az-login-device-code-completed-then-acr-build-packing-unexpected-end-not-acr", ""),
    // The runner's login worked; the Container App pulls with its own registry settings (right
    // before).
    ("449-containerapps-deploy-action-login-succeeded-then-revision-image-unauthorized", "AL218"),
    // Only docker's warnings of a login that worked; kubectl with no cluster context (localhost);
    // a rollout that timed out: nothing (right before).
    ("450-actions-docker-login-password-stdin-success-warnings-only-not-acr", ""),
    ("451-k8s-deploy-kubectl-validate-openapi-localhost-8080-refused-not-acr", ""),
    ("452-k8s-deploy-promote-rollout-exceeded-progress-deadline-not-acr", ""),
    // ACR's 500s on a first push after the login, retried then canceled: no cause named, as 430.
    ("453-buildx-acr-e2e-first-push-500-retrying-then-canceled", ""),
    // The login itself throttled after `docker version` ran (right before).
    ("454-dotnet-image-builder-docker-login-acr-toomanyrequests", "AL043"),
    // az's progress WARNINGs printed as `Failure:` by Jenkins' plugin, a build that failed on the
    // registry's agent without a reason; docker's warning taken for an error by VS Code's
    // extension (as 173): nothing (right before).
    ("455-jenkins-az-acr-build-warnings-as-failure-build-failed-not-acr", ""),
    ("456-vscode-docker-pull-acr-password-unencrypted-warning-as-error", ""),
    // A login task's credentials that the later script's docker did not use: ACR's 401 (right
    // before).
    ("457-devops-docker-login-task-then-script-build-from-private-acr-401", "AL200"),
    // Thirty-second pass: sovereign clouds (Azure Government, Azure China, the closed Azure
    // Germany) and the networks in front of a registry (a storage firewall rule, a TLS-breaking
    // proxy, a connection that timed out, MCR over IPv6), and proxies refusing npm. Counted wrong
    // before: 462 (nothing found), 468 (nothing found).
    // Entra's cross-cloud refusal, in its newer code (Azure PowerShell's OIDC sign-in sent to the
    // global authority, Azure/login#355) and its older one (a maintainer in Azure/azure-cli#7094).
    ("462-azure-login-usgov-azpssession-oidc-900382-cross-cloud", "AL102"),
    // azure/login's false id-token error before sovereign OIDC support; the login went on.
    ("463-azure-login-usgov-oidc-id-token-error-then-login-successful", ""),
    ("464-az-login-sp-usgov-from-global-vm-90038-cross-cloud", "AL102"),
    // The public cloud's audience against a credential with Azure China's (right before).
    ("465-terraform-azuread-china-oidc-700212-public-audience", "AL012"),
    // Storage not allowed by the firewall (a typo in the docs' rule): the layer download, not the
    // anonymous retry after it (right before).
    ("466-aks-pull-storage-fqdn-firewall-typo-eof-then-anonymous-401", "AL305"),
    ("467-az-acr-check-health-connectivity-ssl-error-proxy-question", "AL515"),
    // urllib3's connection timeout on Windows (WSAETIMEDOUT): the connection, before any sign-in.
    ("468-az-acr-login-windows-winerror-10060-connect-timeout", "AL044"),
    // An EOF from MCR that disabling IPv6 fixed: nothing the catalog knows.
    ("469-docker-run-mcr-head-eof-ipv6-adapter", ""),
    // A public-cloud tenant asked of a national cloud's authority: AL023's other direction.
    ("470-az-login-germany-cloud-authority-90002-tenant-not-found", "AL023"),
    // A proxy refusing npm (407; not running at 127.0.0.1:8080): the proxy's cause whatever the
    // target, with the note that the tool's settings are the fix, not Docker's (right before).
    ("471-npm-install-node-sass-binary-proxy-407-not-acr", "AL045"),
    ("472-npm-fetch-registry-proxy-localhost-8080-refused-not-acr", "AL045"),
    // Thirty-third pass: programs that reach a registry through the Azure SDKs and infrastructure
    // tools (IDE explorers on the Java and JS management SDKs, Terraform azurerm, Pulumi
    // azure-native, Crossplane, Azure PowerShell) and the same SDK error words from Key Vault and
    // Storage. Counted wrong before: 475 (only AL061's consequence: no cause), 482 (AL117, the
    // prompt of a device-code sign-in that completed), 2 of 10.
    // ARM refusing the management SDK's registry listing, and the admin credentials it asked for
    // (right before).
    ("473-intellij-azure-explorer-java-mgmt-list-registries-authorizationfailed", "AL606"),
    ("474-vscode-docker-list-registries-listcredentials-authorizationfailed", "AL606"),
    // ACR's ARM answer to `listCredentials` with the admin user disabled (azurerm 3.52's registry read).
    ("475-terraform-azurerm-3-52-registry-credentials-admin-user-disabled", "AL061"),
    // A subscription offer that permits no Microsoft.ContainerRegistry, ARM refusing the IDE's
    // token: nothing the catalog names (right before).
    ("476-intellij-azure-explorer-java-mgmt-disallowedprovider-container-registry", ""),
    ("477-rider-azure-explorer-java-mgmt-list-registries-invalid-authentication-token", ""),
    // A registry in another subscription than the Container App's (right before).
    ("478-pulumi-azure-native-containerapp-registry-in-other-subscription", "AL209"),
    // A provider bug before any request; Key Vault's and Storage's own refusals (right before).
    ("479-crossplane-jet-azure-registry-encryption-required-argument-not-acr", ""),
    ("480-python-keyvault-secretclient-akv10000-bearer-missing-not-acr", ""),
    ("481-python-storage-get-account-information-permission-mismatch-not-acr", ""),
    // Connect-AzAccount -DeviceCode chose a subscription (so the sign-in completed); the cmdlet's
    // regression surfaced docker's warning as an error: nothing claimed.
    ("482-connect-azcontainerregistry-2-2-0-device-code-then-docker-warning-as-error", ""),
    // Thirty-fourth pass: pods that do not start, or crash, for reasons that are not the
    // registry's credentials or network (kubelet events, `kubectl describe`, the pods' own logs).
    // Counted as false positives before: 490, 491, 492 (AL041, a Service's name that did not
    // resolve), 493 (AL042, a webhook's certificate), 494 (AL306 and AL042, the API server's
    // certificate): 5 of 9.
    // ACR's 401 to a self-managed cluster's daemon pull into a namespace just created, and to an
    // AKS cluster's service principal the registry does not know (right before).
    ("487-kubelet-acr-daemon-401-self-managed-cluster-describe", "AL402"),
    ("488-aks-events-acr-application-not-registered-then-401", "AL201"),
    // Artifact streaming's snapshotter after a pull that worked: nothing the catalog knows.
    ("489-aks-acr-artifact-streaming-create-container-error-remote-tar", ""),
    ("490-airflow-psycopg2-postgres-service-name-not-known-not-acr", ""),
    ("491-bitnami-mongodb-headless-svc-getaddrinfo-enotfound-not-acr", ""),
    ("492-pgbackrest-repo-host-svc-name-not-known-not-acr", ""),
    ("493-akv2k8s-env-injector-webhook-svc-x509-unknown-authority-not-acr", ""),
    ("494-weave-npc-api-server-x509-valid-for-not-acr", ""),
    // The CNI's local service, a full disk, an API server's 401 to the pod's own token: nothing
    // (right before); an image for another architecture: AL404, whatever the registry (right before).
    ("495-aks-azure-vnet-cns-sandbox-localhost-refused-not-acr", ""),
    ("496-kubelet-pull-register-layer-no-space-left-not-acr", ""),
    ("497-minikube-pod-exec-format-error-amd64-image-not-acr", "AL404"),
    ("498-python-controller-api-server-401-unauthorized-not-acr", ""),
    // Thirty-fifth pass: ACR's own features beyond push and pull (connected registries, ACR
    // Transfer, customer-managed keys, Tasks' source triggers, tier limits) and the same words from
    // other Azure services. Counted wrong before: 502, 503, 504, 505, 507 (nothing found), 5 of 10.
    // A connected registry's activation refused with a 413 (open bug, no cause named): nothing.
    ("501-connected-registry-k8s-activation-413-request-entity-too-large", ""),
    // ACR Transfer's pipeline run refused by its storage account (the poster: its firewall).
    ("502-az-acr-pipeline-run-create-storage-private-endpoint-403", "AL239"),
    // The customer-managed key out of the registry's reach (the poster: the vault's firewall).
    ("503-acr-cmk-deployment-failed-to-access-keyid-key-vault-firewall", "AL240"),
    // Content trust on a CMK registry, anonymous pull and public access off on Basic: registry
    // limits (506 right before).
    ("504-psrule-acr-content-trust-blocked-for-encryption-enabled-registry", "AL206"),
    ("505-az-acr-update-anonymous-pull-not-supported-for-sku-managed-basic", "AL206"),
    ("506-arm-deployment-basic-registry-disabling-public-network-access-not-supported", "AL206"),
    // The source trigger's webhook refused to the task's Git token (the poster's finding).
    ("507-az-acr-task-create-source-trigger-webhook-providercall-not-found", "AL219"),
    // az's argument parser, Service Bus's IP filter, an Azure OpenAI SKU: nothing (right before).
    ("508-az-acr-export-pipeline-create-secret-uri-required", ""),
    ("509-servicebus-put-token-failed-401-ip-prevented-not-acr", ""),
    ("510-terraform-azure-openai-deployment-sku-not-supported-by-model-not-acr", ""),
    // Thirty-sixth pass: ACR Tasks' own build service (its dependency scan of the Dockerfile, the
    // task's YAML, step and run timeouts, Windows tasks) and look-alikes from Google Cloud Build and
    // AWS CodeBuild. Counted wrong before: 511, 513-517 (nothing found), 6 of 10.
    // The scan failed on a file in the context Windows cannot open (a maintainer: build from a
    // folder holding only the Dockerfile's context).
    ("511-az-acr-build-windows-scan-dependencies-invalid-file-name", "AL241"),
    // An upper-case repository in FROM: the scanner's inner reason names it (right before).
    ("512-az-acr-build-scan-dependencies-from-uppercase-repository", "AL204"),
    // A Git context without `.git` (an ACR maintainer's report), a quoted FROM (filed as a bug),
    // a FROM line the scanner could not read (no answer: the pin rests on the message).
    ("513-acr-task-git-context-without-dot-git-dockerfile-not-found", "AL241"),
    ("514-acr-task-from-quoted-image-scan-dependencies-invalid-reference-format", "AL241"),
    ("515-az-acr-build-cloud-shell-scan-dependencies-unable-to-understand-from", "AL241"),
    // A Dockerfile read as a task file (no context given); a step past its timeout (an ACR
    // maintainer's report). Both rest on the message.
    ("516-az-acr-task-run-windows-dockerfile-task-yaml-could-not-find-expected", "AL242"),
    ("517-acr-task-step-timeout-context-deadline-exceeded", "AL243"),
    // CodeBuild's buildspec, Cloud Build's docker step without its Dockerfile and its kaniko step
    // past the build's timeout: nothing (right before).
    ("518-codebuild-buildspec-yaml-file-error-not-acr", ""),
    ("519-cloud-build-docker-dockerfile-excluded-by-dockerignore-not-acr", ""),
    ("520-cloud-build-kaniko-step-context-deadline-exceeded-not-acr", ""),
    // Thirty-seventh pass: AKS and ACR together. CRI's `rpc error` before the daemon's 401 is a
    // node's pull, quoted without kubelet's lead (a maintainer: the Windows nodes' identity, an AKS
    // bug then); the kubelet identity's first pulls (a kubelet cache bug), an upgrade's new nodes,
    // a pull secret outside Azure, Portainer's registry: the cluster's credentials.
    ("525-aks-windows-node-pool-msi-daemon-401-no-lead", "AL402"),
    // Storage's XML refusal of a layer (a Storage service endpoint policy on the nodes' subnet).
    ("526-aks-service-endpoint-policy-acr-storage-403-authorizationfailure", "AL305"),
    ("527-aks-upgrade-events-acr-daemon-401-then-pulled", "AL402"),
    ("528-aks-kubelet-msi-first-acr-pull-401-recovers", "AL402"),
    ("529-external-k8s-acr-admin-pull-secret-daemon-401", "AL402"),
    // A Windows node's back-off with no reason posted: nothing to name.
    ("530-aks-windows-node-back-off-only-no-reason", ""),
    ("531-aks-events-acr-manifest-unknown-then-daemon-401", "AL060"),
    ("532-portainer-k8s-acr-registry-daemon-401", "AL402"),
    // quay.io's refusal and Docker Hub's, in kubelet's events: no ACR cause (AL062 names any
    // registry's anonymous pull, with Docker Hub's own login).
    ("533-kubelet-quay-manifest-not-authorized-not-acr", ""),
    ("534-kubelet-docker-hub-private-image-pull-access-denied-not-acr", "AL062"),
    // The login server's own request cut (EOF) from AKS nodes: the private link's DNS (here a
    // record rewritten to another cluster's endpoint).
    ("535-aks-second-cluster-shared-private-dns-record-manifest-head-eof", "AL302"),
    // Thirty-ninth pass: Entra's AADSTS codes the catalog did not know, in logins on the way to a
    // registry (az, Azure PowerShell, the Python SDK), and the same codes from sign-ins no CI login
    // is part of. Counted wrong before: 553-560, 565, 566 (nothing found), 10 of 14.
    // A Conditional Access sign-in frequency outlived az's refresh token (AADSTS70043).
    ("553-az-acr-credential-show-70043-sign-in-frequency", "AL113"),
    ("554-ada-tool-az-stderr-70043-interactive-authentication-needed", "AL113"),
    // A user account disabled (a maintainer: the admin re-enables it), disabled in one of the
    // account's tenants (the poster: `--tenant` works), a stored password expired (the message).
    ("555-az-get-access-token-50057-user-disabled-china-cloud", "AL084"),
    ("556-az-login-50057-disabled-in-another-tenant", "AL084"),
    ("557-add-azureaccount-script-70002-50055-password-expired", "AL084"),
    // Entra's transient 503 during its incident (a maintainer: a server issue).
    ("558-python-sdk-adal-503-90033-transient", "AL085"),
    // A tenant decommissioned (the pin rests on the message) or blocked for inactivity.
    ("559-az-login-5000224-resource-not-available", "AL131"),
    ("560-az-login-tenant-5000225-blocked-inactivity", "AL131"),
    // az's own app without the broker's redirect URI in Azure China (an az bug): nothing.
    ("561-az-login-wam-21vianet-50011-broker-redirect-uri", ""),
    // Web apps' sign-ins (an unassigned user, a redirect URI, an on-behalf-of assertion): nothing
    // (right before); a disabled guest and Entra's transient error in desktop apps' sign-ins:
    // the codes mean the same for any sign-in, so the entries stand.
    ("562-graph-explorer-50105-user-not-assigned-not-acr", ""),
    ("563-static-web-app-spa-50011-redirect-uri-not-acr", ""),
    ("564-msgraph-obo-500133-user-assertion-expired-not-acr", ""),
    ("565-storage-explorer-500571-guest-account-disabled-not-acr", "AL084"),
    ("566-vscode-account-sign-in-90033-transient-not-acr", "AL085"),
    // Fortieth pass: managed identity from runners, agents, containers and Arc machines.
    ("567-azure-login-identity-aca-runner-no-user-assigned-identity-found", "AL610"),
    ("568-aca-runner-az-login-identity-username-no-longer-supported", "AL616"),
    // An empty value after `-u`: the variable or secret, whatever the login was for.
    ("569-avm-e2e-self-hosted-az-login-username-expected-one-argument", "AL003"),
    ("570-az-login-identity-docker-on-arc-vm-imds-connection-refused", "AL610"),
    // Only debug lines were pasted: AL610 leads, one step lower, and claims no root.
    ("571-devops-msi-service-connection-agent-imds-etimedout", ""),
    ("572-python-identity-windows-agent-imds-identity-not-found", "AL610"),
    ("573-dotnet-managed-identity-imds-through-proxy-502", "AL610"),
    // az's own limitation on Container Apps (a 405 from an endpoint that is there): nothing to claim.
    ("574-az-login-identity-container-apps-405-not-missing-identity", ""),
    // An HTML page where Arc's challenge should be; the thread names no cause.
    ("575-az-login-identity-arc-unrecognizable-www-authenticate", ""),
    ("576-ecs-local-endpoints-ec2-role-imds-no-route-not-acr", ""),
    // Thirty-eighth pass: container clients other than Docker Engine (Rancher Desktop's engines,
    // nerdctl, img, podman, skopeo, buildah) and Docker's Windows credential store from WSL and VS
    // Code. Counted wrong before: 539 (nothing found: the VM's resolver, `dial udp`), 543 (nothing
    // found: VS Code's refusal of `wincred`), 545 (nothing found: the containers auth file), 3 of 8.
    // The registry's name not resolved inside Rancher Desktop's VM (its resolver unreachable).
    ("539-rancher-desktop-az-acr-login-vm-dns-ipv6-loopback", "AL041"),
    // containerd's empty token scope (as 47), and img's token request ACR answered 400 then (a
    // server-side issue, fixed): nothing to claim (right before).
    ("540-rancher-desktop-nerdctl-login-acr-oauth-token-400", ""),
    ("541-img-login-acr-admin-user-snapshot-oauth-token-400", ""),
    // Windows' credential manager unreachable from the session (right before), and VS Code's Docker
    // extension refusing to put an ACR token in it.
    ("542-az-acr-login-wsl2-engine-wincred-logon-session-does-not-exist", "AL411"),
    ("543-vscode-docker-cli-login-acr-token-wincred-credsstore", "AL411"),
    // Look-alikes: stale Docker Hub credentials in podman's auth file (AL032's words, Docker Hub's;
    // right before); an auth file this user cannot open (no registry asked); an ECR login whose
    // credential helper is missing (right before). No ACR cause.
    ("544-podman-docker-hub-stale-auth-file-invalid-username-password-not-acr", ""),
    ("545-skopeo-gha-run-containers-auth-json-permission-denied-not-acr", "AL436"),
    ("546-buildah-login-ecr-credential-helper-not-in-path-not-acr", "AL412"),
    // Forty-first pass: docker buildx and BuildKit with ACR (registry caches, drivers, tools that
    // drive BuildKit, build-push-action). Counted wrong before: 579 (nothing found: BuildKit's
    // `failed to solve: failed to fetch anonymous token`), 580 and 583 (AL405, a kubelet's missing
    // pull credentials, for a build), 3 of 9.
    // BuildKit asked ACR for an anonymous token: no credentials reached the builder.
    ("579-acorn-buildkit-acr-base-image-anonymous-token-401", "AL211"),
    ("580-buildctl-rootless-acr-registry-cache-anonymous-token-401", "AL211"),
    // A push refused right after `az acr login`, no cause named (right before).
    ("581-devops-azurecli-compose-build-push-acr-unauthorized", "AL200"),
    // Not a login: buildx's `docker` driver exports no cache (right before).
    ("582-acr-task-buildx-cache-export-docker-driver", ""),
    ("583-buildx-acr-from-image-anonymous-token-get-401-transient", "AL211"),
    // Look-alikes: MCR's own 403s, GHCR's refused pushes, the Actions cache's 401 (right before).
    ("584-buildx-mcr-head-request-403-sporadic-not-acr", ""),
    ("585-buildx-ghcr-push-403-package-settings-not-acr", ""),
    ("586-buildx-ghcr-push-403-github-token-permissions-not-acr", ""),
    ("587-buildx-gha-cache-authorization-status-401-not-acr", ""),
    // Forty-second pass: ACR's fine-grained access (scope-map tokens, cache rules and credential
    // sets) and the pull-through caches of other registries. Counted wrong before: 588 (AL062, no
    // login, for a cache rule's source path), 589 and 590 (AL200 where ACR's detail names the
    // token's missing `metadata_read`), 592 (nothing found: `EnforceDockerAuthentication`), 595
    // (AL062 as the cause for ECR's pull-through upstream), 5 of 10.
    ("588-acr-cache-rule-library-source-path-pull-denied", "AL215"),
    ("589-acr-token-tags-list-metadata-read-unauthorized-json", "AL063"),
    ("590-renovate-acr-token-tags-list-metadata-read-unauthorized", "AL063"),
    // The pull names no cache rule (an ACR regression behind it): ACR's 401, no more (right before).
    ("591-acr-cache-rule-dhi-credential-sets-unhealthy-authentication-required", "AL200"),
    ("592-terraform-acr-cache-rule-docker-hub-without-credential-set", "AL215"),
    // kubelet's credentials refused; the thread names nothing more (right before).
    ("593-aks-pull-through-acr-docker-hub-cache-rule-oauth-401-not-found", "AL402"),
    ("594-aks-automatic-acr-anonymous-token-401", "AL405"),
    // Look-alikes: ECR's pull-through cache and ACK's rule, Harbor's proxy cache.
    ("595-ecr-pull-through-cache-upstream-authentication-failed-not-acr", ""),
    ("596-ack-ecr-pull-through-cache-rule-upstream-requires-authentication-not-acr", ""),
    ("597-harbor-proxy-cache-library-slash-repository-not-found-not-acr", ""),
    ("600-azurepowershell-connect-azcontainerregistry-windows-agent-401", "AL200"),
    ("601-connect-azcontainerregistry-endpoint-resource-id-not-in-dictionary", ""),
    ("602-powershell-pipe-admin-password-docker-login-stdin-incorrect", ""),
    ("603-azurepowershell5-connect-azaccount-federatedtoken-parameter-not-found", "AL619"),
    ("604-azurepowershell5-federated-token-china-cloud-90002", "AL023"),
    ("605-connect-azcontainerregistry-system-user-empty-token-pull-401", "AL200"),
    ("606-azure-login-azpssession-az-accounts-5-3-0-msal-extensions-not-loaded", "AL619"),
    ("607-azure-login-azpssession-no-az-accounts-name-null", "AL619"),
    ("608-azurepowershell-task-earlier-az-accounts-imported", "AL619"),
    ("609-import-azcontainerregistryimage-missing-targettags-not-login", ""),
    ("610-bicep-publish-acr-devops-please-run-connect-azaccount", "AL603"),
    ("611-azurepowershell5-wif-self-hosted-newtonsoft-method-not-found", ""),
    ("612-kaniko-acr-base-image-layer-read-connection-reset", "AL044"),
    ("613-docker-push-acr-layer-retrying-then-eof", ""),
    ("614-oras-pull-cmk-acr-large-blob-unexpected-eof", ""),
    // The .NET SDK's container publish gave the layer upload its HttpClient's 100 s.
    ("615-dotnet-sdk-container-push-acr-task-canceled-timeout", "AL304"),
    ("616-aks-addon-acr-layer-storage-blob-firewall-cut", "AL305"),
    ("617-acr-task-from-mcr-client-timeout-not-acr", "AL304"),
    ("618-kaniko-mcr-data-endpoint-connection-refused-not-acr", "AL044"),
    ("619-docker-pull-mcr-cdn-config-connection-reset-not-acr", "AL044"),
    ("620-harbor-registry-replicas-blob-unknown-not-acr", ""),
    ("621-docker-push-acr-eof-transient-resolved", ""),
    ("622-azd-up-push-acr-tls-handshake-timeout-docker-login-hint", "AL303"),
    ("623-docker-desktop-mcr-storage-lookup-resolver-timeout-not-acr", "AL041"),
    ("636-minikube-registry-creds-acr-admin-daemon-401-placeholder", "AL402"),
    // The pod sandbox image: the runtime's own pull, which no pull secret reaches.
    ("637-aks-edge-sandbox-pause-image-acr-anonymous-token-401", "AL437"),
    ("638-external-secrets-acraccesstoken-pull-secret-anonymous-token-401", "AL405"),
    ("639-k8s-dashboard-acr-daemon-401-twice-bracketed", "AL402"),
    ("640-kwctl-pull-acr-policy-authentication-failure-json", "AL200"),
    ("641-akv2k8s-env-injector-acr-v2-non-successful-401-escaped", "AL200"),
    ("642-openshift-docker-hub-private-dockercfg-secret-linked-401-not-acr", ""),
    ("643-minikube-nexus-http-registry-no-basic-auth-credentials-not-acr", "AL211"),
    ("644-aks-mcr-metrics-adapter-errimagepull-no-reason-not-acr", ""),
    ("624-azure-login-70021-pull-request-subject-portal-hyphen", "AL010"),
    ("625-azure-login-v2-7002138-job-workflow-ref-owner-case", "AL017"),
    ("626-azd-pipeline-70021-branch-subject-escaped-trace", "AL010"),
    // actions/toolkit's "Cannot read properties of undefined (reading 'message')": the token
    // request failed with nothing to tell why (actions/toolkit#1441), the permission granted.
    ("627-azure-login-v2-self-hosted-id-token-request-undefined-message", "AL006"),
    ("628-azure-login-700213-branch-token-environment-credential", "AL013"),
    ("629-claude-code-action-oidc-utils-no-id-token-url-not-acr", "AL001"),
    ("630-nuget-publish-failed-to-get-id-token-no-url-not-acr", "AL001"),
    ("631-azure-bot-sso-7002137-entra-subject-not-github", ""),
];

fn scan(name: &str) -> ScanReport {
    let (_, log) = all().into_iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no fixture {name}"));
    scan_log(log, NOW)
}

#[test]
fn every_real_log_has_its_root_cause_first() {
    let fixtures = all();
    assert_eq!(fixtures.len(), EXPECTED.len(), "every fixture has an expectation");
    let mut wrong = Vec::new();
    for ((name, log), (expected_name, expected)) in fixtures.iter().zip(EXPECTED) {
        assert_eq!(name, expected_name, "fixture order");
        let r = scan_log(log, NOW);
        let got = r.root_cause.unwrap_or("");
        if got != *expected {
            let ids: Vec<&str> = r.findings.iter().map(|f| f.id).collect();
            wrong.push(format!("{name}: expected {expected:?}, got {got:?} (findings {ids:?})"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn subjects_and_issuers_are_extracted_as_entra_printed_them() {
    let r = scan("01-azure-login-700213-environment");
    assert_eq!(r.findings[0].params.subject.as_deref(), Some("repo:contoso/contoso-chatbot:environment:dev"));
    assert_eq!(r.findings[0].params.aadsts_code.as_deref(), Some("700213"));
    // The generic wrapper lines follow, never lead.
    assert!(r.findings[1..].iter().all(|f| f.strength == Strength::Symptom));

    let r = scan("02-azure-login-70021-step-links");
    let p = &r.findings[0].params;
    assert_eq!(p.issuer.as_deref(), Some("https://token.actions.githubusercontent.com/"), "the trailing slash is the mistake: keep it");
    assert_eq!(p.subject.as_deref(), Some("repo:contoso/parallel:ref:refs/heads/main"));
    assert_eq!(p.audience.as_deref(), Some("api://AzureADTokenExchange"));

    // "AADSTS700[21](link)1": the code is mangled by the web UI, the message still names the issuer.
    let r = scan("03-azure-login-700211-mangled-code");
    assert_eq!(r.findings[0].params.issuer.as_deref(), Some("https://token.actions.githubusercontent.com/"));

    let r = scan("04-azure-login-7002138-case");
    assert_eq!(r.findings[0].params.subject.as_deref(), Some("repo:Contoso/IsoDashboard23:environment:Production"));
    assert_eq!(r.findings[0].params.aadsts_code.as_deref(), Some("7002138"));
    assert_eq!(r.findings[1].id, "AL013", "the generic subject mismatch stays listed after the case-only one");

    let r = scan("06-terraform-700213-json");
    assert_eq!(r.findings[0].params.subject.as_deref(), Some("repo:orgName/repoName:pull_request"));

    let r = scan("07-devops-700213-masked");
    assert!(r.findings[0].masked && r.findings[0].params.subject.is_none(), "a masked subject is flagged, never stored as ***");
}

#[test]
fn masked_and_redacted_values_are_not_taken_for_parameters() {
    let r = scan("09-azure-login-700016-masked");
    assert_eq!(r.findings[0].params.app_id, None, "'***' is no application ID");
    // `directory 'App Name".` has mismatched quotes, so only the code matched; the masked client
    // ID is still seen by the context around it.
    assert!(r.findings[0].masked, "the client ID shown as '***' is flagged");
    assert_eq!(r.findings[0].params.tenant, None);

    let r = scan("18-build-push-ip-denied-json");
    assert_eq!(r.findings[0].params.client_ip.as_deref(), Some("203.0.113.45"), "\\u0027 around the IP is decoded");
    for name in ["19-acr-build-ip-redacted", "20-az-acr-login-private-endpoint-vpn"] {
        let f = &scan(name).findings[0];
        assert_eq!(f.params.client_ip, None, "{name}: 'XXX' / '<my public IP>' is no address");
    }

    for name in ["21-login-action-no-such-host-masked", "22-devops-docker-no-such-host-masked"] {
        let f = &scan(name).findings[0];
        assert!(f.masked && f.params.host.is_none(), "{name}");
    }
    let r = scan("23-docker-login-dns-server-refused");
    assert_eq!(r.findings[0].params.host.as_deref(), Some("contosoacr.azurecr.io"));
}

#[test]
fn a_handled_error_in_debug_output_does_not_outrank_the_printed_one() {
    let r = scan("12-az-acr-login-debug-refresh-token-error");
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id).collect();
    assert_eq!(ids, ["AL513", "AL209", "AL210"]);
    let lookup = &r.findings[1];
    assert_eq!((lookup.line, lookup.strength), (10, Strength::LikelyCause), "AL209's root pattern, demoted on a DEBUG line");
    assert!(lookup.evidence.iter().any(|e| e.contains("debug level")));
    assert!(lookup.confidence < r.findings[0].confidence + 0.01);
}

#[test]
fn the_specific_error_outranks_its_wrapper_on_the_same_line() {
    let r = scan("25-docker-pull-x509-download-failed");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL042", "AL305"]);

    // containerd joins two pull attempts in one event: the first failed on the token (401), the
    // second on a missing blob; the reference itself was found.
    let r = scan("32-aks-oauth-token-401-and-not-found");
    assert!(r.findings.iter().all(|f| f.id != "AL060"), "{:?}", r.findings.iter().map(|f| f.id).collect::<Vec<_>>());
    assert_eq!(r.findings[0].params.registry.as_deref(), Some("contosoacr.azurecr.io"));

    let r = scan("35-devops-docker-push-to-docker-hub");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL212", "AL033"]);
    assert_eq!(r.format, "azure-devops");
}

#[test]
fn kubelet_events_give_the_pull_error_not_the_back_off() {
    let r = scan("31-karpenter-describe-pod-events");
    assert_eq!(r.format, "kubectl");
    assert_eq!(r.findings[0].params.registry.as_deref(), Some("myregistry.azurecr.io"));
    assert_eq!(r.findings[0].params.http_status, Some(401));
    let back_off = r.findings.iter().find(|f| f.id == "AL407").expect("the ImagePullBackOff symptom is listed");
    assert!(back_off.rank > 1);
}

#[test]
fn nothing_known_means_candidates_not_a_guess() {
    let r = scan("38-helm-acr-helm-push-auth");
    assert!(r.root_cause.is_none() && r.findings.is_empty());
    assert!(r.candidates.iter().any(|c| c.id == "AL200"));
}

#[test]
fn a_server_error_from_the_token_endpoint_is_not_a_missing_role() {
    let r = scan("14-az-acr-show-tags-access-token-504");
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id).collect();
    assert_eq!(ids[..2], ["AL213", "AL514"], "{ids:?}");
    let f = &r.findings[0];
    assert_eq!((f.line, f.category, f.params.http_status), (2, "network-unreachable", Some(504)));
    assert_eq!(f.params.registry.as_deref(), Some("contosoacr.azurecr.io"));
    let fix: Vec<&str> = crate::catalog::entry("AL213").unwrap().fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect();
    let fix = fix.join("\n");
    for needle in ["Retry", "https://azure.status.microsoft/", "region", "az acr check-health"] {
        assert!(fix.contains(needle), "AL213's fix mentions {needle}");
    }

    // The same words with a 4xx are refusals: no server error is reported.
    for status in ["401", "403", "429"] {
        let log = format!(
            "Unable to get AAD authorization tokens with message: An error occurred: CONNECTIVITY_ACCESS_TOKEN_ERROR\n\
             Access to registry 'contosoacr.azurecr.io' was denied. Response code: {status}. Please try running 'az login' again to refresh permissions.\n"
        );
        let r = scan_log(&log, NOW);
        assert!(r.root_cause.is_some() && r.findings.iter().all(|f| f.id != "AL213"), "{status}");
        if status == "401" {
            assert_eq!(r.root_cause, Some("AL514"));
        }
    }
    // A 5xx far below an earlier error does not take its place: only the lines of one message.
    let log = "Unable to get AAD authorization tokens with message: An error occurred: CONNECTIVITY_ACCESS_TOKEN_ERROR\n\
               a\nb\nc\nd\ne\n\
               Access to registry 'contosoacr.azurecr.io' was denied. Response code: 503. Please try running 'az login' again.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL514"));
}

#[test]
fn a_cache_rule_upstream_is_told_apart_from_the_registry() {
    let r = scan("39-acr-cache-rule-toomanyrequests");
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id).collect();
    assert_eq!(ids, ["AL214", "AL043"], "the registry's own throttling stays listed after");
    assert_eq!(r.findings[0].category, "throttled");
    for id in ["AL214", "AL215"] {
        let e = crate::catalog::entry(id).unwrap();
        let code: String = e.fix.iter().filter_map(|s| s.code).collect();
        assert!(code.contains("az acr credential-set create") && code.contains("az acr cache update") && code.contains("--cred-set"), "{id}");
        assert!(e.docs.iter().any(|d| d.starts_with("https://learn.microsoft.com/azure/container-registry/") && d.contains("artifact-cache")), "{id}");
    }

    let r = scan("42-docker-pull-cache-rule-authentication-required");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL215", "AL200"]);
}

#[test]
fn a_non_guid_user_name_and_an_idle_az_login_are_named() {
    let r = scan("40-vscode-docker-push-client-id-must-be-guid");
    assert_eq!(r.root_cause, Some("AL216"));
    assert_eq!(r.findings[0].occurrences, 2, "the title and the description quote the same error");

    let r = scan("41-az-acr-login-sudo-700082");
    assert_eq!(r.root_cause, Some("AL113"));
    assert_eq!(r.findings[0].params.aadsts_code.as_deref(), Some("700082"));
    assert!(crate::catalog::entry("AL113").unwrap().cause.contains("sudo"));
}

#[test]
fn skopeo_after_az_acr_login_is_told_how_to_log_in_without_docker() {
    let r = scan("34-skopeo-copy-invalid-username-password");
    assert_eq!(r.root_cause, Some("AL032"));
    let e = crate::catalog::entry("AL032").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect::<Vec<_>>().join("\n");
    assert!(code.contains("--expose-token") && code.contains("skopeo login <REGISTRY>.azurecr.io -u 00000000-0000-0000-0000-000000000000 --password-stdin"));
    assert!(e.fix.iter().any(|s| s.text.contains("auth-file")));
}

#[test]
fn clients_other_than_docker_are_read_in_their_own_words() {
    // crane's keychain says it had no credential before the 401 says it was refused.
    let r = scan("45-crane-ls-no-matching-credentials");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL211", "AL200"]);

    // nerdctl: the push command's unqualified name outranks Docker Hub's refusal after it, which
    // names no ACR host and so is only a symptom.
    let r = scan("48-nerdctl-push-without-login-server");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL212", "AL063"]);
    assert_eq!(r.findings[1].strength, Strength::Symptom);
    assert_eq!(r.findings[0].params.image.as_deref(), Some("contosoacr/container:0.0.1"));
    // A name with the login server is not Docker Hub's, whatever fails after it.
    let log = "nerdctl push contosoacr.azurecr.io/container:0.0.1
               FATA[0007] push access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed
";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL063"));
    let log = "nerdctl push ${ACR_LOGIN_SERVER}/container:0.0.1\nFATA[0001] push access denied\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.id != "AL212"), "an unexpanded variable is no image name");

    // kaniko / go-containerregistry and kwctl quote ACR's 401 inside their own errors.
    for name in ["44-akv2k8s-webhook-oauth2-token-unauthorized", "55-kwctl-push-unauthorized-json"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL200"), Strength::LikelyCause), "{name}");
    }
}

#[test]
fn role_assignments_that_stop_a_pipeline_are_named() {
    for name in ["49-devops-aks-attach-acr-role-assignment", "50-az-aks-update-attach-acr-not-owner"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings[0].category), (Some("AL410"), "missing-rbac-role"), "{name}");
    }
    let r = scan("49-devops-aks-attach-acr-role-assignment");
    assert_eq!(r.format, "azure-devops");
    assert!(r.findings[1..].iter().all(|f| f.strength == Strength::Symptom));
    let e = crate::catalog::entry("AL410").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect::<Vec<_>>().join("\n");
    assert!(code.contains("kubeletidentity.objectId") && code.contains("--role AcrPull"));
    assert!(e.cause.contains("Role Based Access Control Administrator"), "the Owner wording overstates what is needed");

    // Terraform: the caller cannot write role assignments on the registry (control plane).
    let r = scan("51-terraform-role-assignment-403-acr-scope");
    assert_eq!(r.root_cause, Some("AL606"));

    let r = scan("52-terraform-principal-type-application");
    assert_eq!(r.root_cause, Some("AL609"));
    assert_eq!(r.findings[0].occurrences, 2, "both resources failed the same way");
    let e = crate::catalog::entry("AL609").unwrap();
    let fix: String = e.fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect::<Vec<_>>().join("\n");
    assert!(fix.contains("az ad sp show --id <CLIENT_ID> --query id") && fix.contains("azuread_service_principal"));
}

#[test]
fn client_bugs_and_generic_tool_errors_claim_no_cause() {
    for name in [
        "43-kaniko-push-check-eof-masked",
        "46-helm-install-oci-anonymous-token-401",
        "47-nerdctl-login-acr-400",
        "56-podman-login-expose-token-illegal-base64",
        "57-rules-oci-pull-oauth2-token-401",
        "58-az-aks-check-acr-traceback",
        "59-az-acr-import-source-unauthorized",
        "60-azd-dotnet-container-base-image-container1016",
        "120-skaffold-jib-getting-image-401",
        "122-dotnet-docker-nuget-feed-401-not-acr",
        "123-connect-azcontainerregistry-credential-desktop-stderr",
        "127-cloud-shell-msi-audience-not-supported",
        "128-vscode-containerapps-js-sdk-audience-unset",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none(), "{name}: {:?}", r.root_cause);
        assert!(r.findings.iter().all(|f| f.strength <= Strength::Consequence), "{name}");
    }
    // The traceback is still listed, as a symptom.
    assert!(scan("58-az-aks-check-acr-traceback").findings.iter().any(|f| f.id == "AL602"));
}

#[test]
fn a_refusal_of_the_subscription_or_the_token_scope_is_not_a_missing_role() {
    // ACR Tasks refused for the subscription (free trial), in az's and in azd's framing.
    for name in ["61-az-acr-build-tasks-not-allowed", "62-azd-deploy-tasks-not-allowed"] {
        let r = scan(name);
        assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL217"], "{name}");
        assert_eq!(r.findings[0].occurrences, 2, "{name}: the code and the message are one failure twice");
    }
    let e = crate::catalog::entry("AL217").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect::<Vec<_>>().join("\n");
    assert!(code.contains("docker push <REGISTRY>.azurecr.io") && code.contains("remoteBuild: false"));

    // Listing tags is a read: the token lacked `metadata_read`, not a push role.
    let r = scan("63-argocd-image-updater-tags-list-denied");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>()[..2], ["AL063", "AL033"]);
    let e = crate::catalog::entry("AL063").unwrap();
    assert!(e.cause.contains("metadata_read") && e.fix.iter().any(|s| s.text.contains("metadata/read")));

    // Container Apps' managed-identity pull: the role, not Entra; a `container app 'x'` is no app ID.
    let r = scan("73-containerapp-managed-identity-pull-terraform");
    let f = &r.findings[0];
    assert_eq!((f.id, f.strength), ("AL030", Strength::LikelyCause));
    assert_eq!((f.params.registry.as_deref(), f.params.app_id.as_deref()), (Some("contosoappacr.azurecr.io"), None));
}

#[test]
fn the_client_side_of_a_login_is_named_before_the_registry() {
    // Docker's credential helper failing after the registry accepted the login.
    for name in ["66-az-acr-login-wincred-stub-bad-data", "67-oras-login-credstore-desktop-not-running"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings.len()), (Some("AL411"), 1), "{name}");
    }
    let code: String = crate::catalog::entry("AL411").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("del(.credsStore)"));

    // No managed identity off Azure: the IMDS endpoint is unreachable.
    let r = scan("65-az-login-identity-msi-unreachable");
    assert_eq!((r.root_cause, r.findings[0].line), (Some("AL610"), 8));

    // az prints its `--expose-token` hint with every Docker error: the error after it is the cause.
    let r = scan("72-az-acr-login-vm-docker-socket-permission");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL401", "AL500"]);
    // ... but in Cloud Shell the same sentence says why there is no daemon.
    assert_eq!(scan("16-az-acr-login-cloud-shell-no-docker").root_cause, Some("AL050"));

    let r = scan("74-az-acr-login-wsl2-docker-not-found");
    assert_eq!(r.root_cause, Some("AL400"));
}

#[test]
fn the_first_failed_step_of_a_pull_outranks_the_retry() {
    // containerd: the layer download from storage failed; the 401 is the anonymous retry after it.
    let r = scan("68-kubelet-blob-storage-eof");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL305", "AL405"]);
    assert_eq!(r.findings[0].params.registry.as_deref(), Some("myregistry.azurecr.io"));

    // App Service: the missing tag first, then its Docker Hub-style anonymous retry.
    let r = scan("64-app-service-manifest-tagged-not-found");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL060", "AL200"]);

    // canipull signs in with the cluster's own service principal: AL409 (reset the cluster's
    // credential) before the generic AADSTS7000215 text of the same line; a starred-out app is masked.
    let r = scan("69-aks-check-acr-sp-secret-adal-401");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL409", "AL021"]);
    assert!(r.findings[0].masked && r.findings[0].params.app_id.is_none());
    assert_eq!(r.findings[0].params.aadsts_code.as_deref(), Some("7000215"));

    // A tool bug (acr purge racing its own listing) names no cause, whatever the 404 says.
    let r = scan("75-acr-purge-manifest-unknown-race");
    assert!(r.root_cause.is_none() && r.findings.is_empty());
}

#[test]
fn workload_identity_outside_github_is_read_from_entra_s_message() {
    // klog quoted the JSON body once more: `\"` and `\\r\\n` around the values.
    let p = &scan("77-workload-identity-kind-klog-70021-double-escaped").findings[0].params;
    assert_eq!(p.issuer.as_deref(), Some("https://kubernetes.default.svc.cluster.local"));
    assert_eq!(p.subject.as_deref(), Some("system:serviceaccount:default:workload-identity-sa"));
    assert_eq!(p.aadsts_code.as_deref(), Some("70021"));

    let p = &scan("78-external-secrets-aks-event-70021-json").findings[0].params;
    assert_eq!(p.subject.as_deref(), Some("system:serviceaccount:external-secrets:external-secrets"));
    assert!(p.issuer.as_deref().is_some_and(|i| i.starts_with("https://eastus.oic.prod-aks.azure.com/")));

    let r = scan("80-pulumi-esc-700213-autorest");
    assert_eq!(r.findings[0].params.aadsts_code.as_deref(), Some("700213"));
}

#[test]
fn entra_unable_to_read_the_issuer_is_not_a_credential_mismatch() {
    // PowerShell's error view wraps the message into a table: the code still names it.
    for name in ["81-devops-azurepowershell-50166-wrapped", "82-workload-identity-self-managed-issuer-50166", "94-devops-az-login-federated-50166-incident"] {
        let r = scan(name);
        assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL018"], "{name}");
    }
    let e = crate::catalog::entry("AL018").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect::<Vec<_>>().join("\n");
    assert!(code.contains("/.well-known/openid-configuration") && code.contains("jwks_uri"));
    assert!(e.fix.iter().any(|s| s.text.contains("status page")), "a hosted issuer's incident is named");

    // A tenant policy on GitHub's `enterprise` claim: no credential to fix, the repository's owner.
    let r = scan("83-azure-login-7002381-enterprise-claim");
    assert_eq!((r.root_cause, r.findings[0].params.aadsts_code.as_deref()), (Some("AL019"), Some("7002381")));
    assert!(r.findings[1..].iter().all(|f| f.strength == Strength::Symptom));
}

#[test]
fn a_managed_identity_endpoint_that_cannot_choose_is_named() {
    let r = scan("84-flux-helmrepository-no-default-identity");
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL610"), Strength::RootCause));
    let r = scan("85-flux-cli-devops-imds-identity-not-found");
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL610"), Strength::LikelyCause));
    let e = crate::catalog::entry("AL610").unwrap();
    assert!(e.fix.iter().any(|s| s.text.contains("AZURE_CLIENT_ID")) && e.cause.contains("several user-assigned identities"));
}

#[test]
fn acr_s_own_throttling_and_locks_are_named() {
    let r = scan("86-aks-event-export-acr-toomanyrequests");
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL043"), 1));

    // az's 429 comes with "was denied" and an `az login` hint: throttling, not a missing role.
    let r = scan("87-devops-az-acr-refresh-token-429");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL043", "AL513", "AL210"]);
    assert_eq!(r.findings[0].line, 2);

    let r = scan("88-devops-docker-push-operation-disallowed");
    assert_eq!((r.root_cause, r.findings[0].line), (Some("AL205"), 17));
}

#[test]
fn a_refusal_from_mcr_is_not_a_missing_login() {
    for name in ["92-buildx-mcr-outage-anonymous-token-401", "93-docker-pull-mcr-outage-authentication-required"] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && !r.findings.is_empty(), "{name}");
        for f in &r.findings {
            assert_eq!(f.strength, Strength::Symptom, "{name}: {}", f.id);
            assert!(f.evidence.iter().any(|e| e.contains("MCR") && e.contains("needs no login")), "{name}: {}", f.id);
        }
        assert!(r.candidates.iter().all(|c| !NEEDS_A_LOGIN.contains(&c.id)), "{name}: {:?}", r.candidates);
    }

    // MCR named above, but the refusal is the user's registry's, or a Docker Hub image's.
    let log = "2024-06-03T09:20:11Z Status: Downloaded newer image for mcr.microsoft.com/dotnet/sdk:8.0\n\
               2024-06-03T09:20:12Z The push refers to repository [contosoacr.azurecr.io/web]\n\
               2024-06-03T09:20:13Z unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n";
    let r = scan_log(log, NOW);
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL200"), Strength::LikelyCause));
    let log = "Status: Downloaded newer image for mcr.microsoft.com/dotnet/sdk:8.0\n\
               $ docker pull contoso-web\n\
               Error response from daemon: pull access denied for contoso-web, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL062"));
}



#[test]
fn an_azure_service_that_pulls_for_you_needs_its_own_registry_credentials() {
    // Container Apps: the runner logged in, the app was given nothing; ACR's generic 401 follows.
    let r = scan("95-containerapp-create-no-registry-server");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>()[..2], ["AL218", "AL200"]);
    assert_eq!(r.findings[0].strength, Strength::LikelyCause);
    // ACI's "not accessible" and Azure ML's two messages are the same failure in their words.
    for name in ["105-aci-inaccessible-image", "114-azureml-serverless-pull-admin-disabled", "115-azureml-run-registry-resync-keys"] {
        assert_eq!(scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL218"], "{name}");
    }
    let e = crate::catalog::entry("AL218").unwrap();
    let fix: String = e.fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect::<Vec<_>>().join("\n");
    for needle in ["az containerapp registry set", "--registry-server", "--acr-identity", "acrUseManagedIdentityCreds", "sync-keys", "--role AcrPull"] {
        assert!(fix.contains(needle), "AL218's fix mentions {needle}");
    }

    // An image that lost its registry host, an empty login server: the name, not the credentials.
    let r = scan("96-containerapp-image-lost-registry-host");
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL204"), Strength::RootCause));
    assert_eq!(scan("103-aci-deploy-empty-registry-server").findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL204"]);

    // An ACR Task is refused by the registry's own firewall: AL040 tells how Tasks get in.
    assert_eq!(scan("113-acr-task-run-public-access-disabled").root_cause, Some("AL040"));
    let fix: String = crate::catalog::entry("AL040").unwrap().fix.iter().map(|s| s.text).collect();
    assert!(fix.contains("az acr agentpool create") && fix.contains("--agent-pool"));
}

#[test]
fn a_tool_s_fallback_through_the_docker_daemon_is_not_the_failure() {
    let r = scan("98-trivy-fallbacks-then-acr-token-401");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL200", "AL050"]);
    let daemon = &r.findings[1];
    assert_eq!(daemon.strength, Strength::Symptom);
    assert!(daemon.evidence.iter().any(|e| e.contains("trivy")), "{:?}", daemon.evidence);
    // Without trivy's lead, the same daemon error is still the cause.
    let log = "unable to initialize a docker scanner: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL050"));
}

#[test]
fn registry_side_limits_are_named_by_their_own_codes() {
    // A manifest whose blobs went to another geo-replica; the same code from another registry is not ACR's.
    let r = scan("99-acr-geo-replicated-push-manifest-blob-unknown");
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL202"), Strength::LikelyCause));
    let log = "Error: PUT https://harbor.example.com/v2/team/app/manifests/1.0: MANIFEST_BLOB_UNKNOWN: blob unknown to registry\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.id != "AL202"));

    // A Windows base image the build host cannot run.
    assert_eq!(scan("101-acr-task-windows-base-no-matching-manifest").findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL404"]);
    assert!(crate::catalog::entry("AL404").unwrap().cause.contains("--platform windows"));

    // The subscription never registered the provider, in VS Code's words and in an ARM deployment's JSON.
    for name in ["97-vscode-docker-push-subscription-not-registered", "110-arm-deployment-missing-subscription-registration-json"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings.len()), (Some("AL611"), 1), "{name}");
    }
    let code: String = crate::catalog::entry("AL611").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("az provider register --namespace Microsoft.ContainerRegistry"));

    // Storage refusing the registry's Authorization header on a blob redirect, in two clients' words.
    for name in ["106-renovate-acr-blob-redirect-authorization", "109-spring-dataflow-acr-blob-400-invalid-authentication-info"] {
        assert_eq!(scan(name).root_cause, Some("AL203"), "{name}");
    }
}

#[test]
fn client_bugs_and_registry_limits_of_the_sixth_pass_claim_nothing() {
    for name in [
        "100-helm-3-13-public-acr-head-401",
        "102-flux-helm-index-500-echo-newline",
        "107-docker-content-trust-scope-map-token-401",
        "108-az-acr-manifest-list-oci-index",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.is_empty(), "{name}: {:?}", r.findings.iter().map(|f| f.id).collect::<Vec<_>>());
    }
}

#[test]
fn empty_login_inputs_and_foreign_refusals_of_the_eighth_pass() {
    // docker prompts when the piped password is empty; the prompt's failure names the empty input.
    let r = scan("131-docker-login-password-stdin-empty-non-tty");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL003", "AL600"]);
    let e = crate::catalog::entry("AL003").unwrap();
    assert!(e.cause.contains("docker/login-action") && e.fix.iter().any(|s| s.text.contains("Fork pull requests")));

    // A refusal that names no ACR host is any registry's wording: a symptom, not a scope map's.
    let r = scan("142-buildx-docker-hub-push-insufficient-scope");
    assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom));
    let log = "#12 ERROR: failed to push ***/api:1.4.2: push access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL063"), "a masked host may be ACR");

    // azure/login needs the runner's own az; the fix installs it.
    let r = scan("132-azure-login-self-hosted-no-az-cli");
    assert_eq!(r.root_cause, Some("AL612"));
    let e = crate::catalog::entry("AL612").unwrap();
    assert!(e.fix.iter().filter_map(|s| s.code).any(|c| c.contains("InstallAzureCLIDeb")));

    // The task's source download: the fix names the branch and checks the token.
    let e = crate::catalog::entry("AL219").unwrap();
    assert!(e.fix.iter().filter_map(|s| s.code).any(|c| c.contains("#main") && c.contains("git ls-remote")));
}

#[test]
fn check_acr_s_failed_line_yields_to_the_reason_printed_under_it() {
    // "Validating image pull permission: FAILED" says only that the exchange failed; the next line
    // says why. A private endpoint IP that times out is the network, not the kubelet identity.
    let r = scan("144-aks-check-acr-private-endpoint-exchange-timeout");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>()[..2], ["AL301", "AL402"]);
    assert_eq!(r.findings[1].strength, Strength::LikelyCause);
    // A refusal printed under it still names the kubelet identity.
    let log = "[2024-06-03T09:40:03Z] Validating image pull permission: FAILED\n\
               [2024-06-03T09:40:03Z] ACR contosoacr.azurecr.io rejected token exchange: ACR token exchange endpoint returned error status: 401. body: {}\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL402"));
    // check-acr resolving a name it made up (sovereign cloud): AL408 says how to tell.
    assert_eq!(scan("151-aks-check-acr-usgov-fqdn-appended").root_cause, Some("AL408"));
    let say: String = crate::catalog::entry("AL408").unwrap().fix.iter().map(|s| s.text).collect();
    assert!(say.contains("azurecr.us"), "{say}");
}

#[test]
fn a_user_s_own_sign_in_problems_are_told_apart() {
    // MFA, a device the tenant does not manage, a revoked grant: each its own fix, never AL024
    // (a policy on a workload identity) and never the traceback that follows.
    for (name, id) in [
        ("155-az-login-msal-50076-refresh-failed", "AL114"),
        ("157-azwi-azureclicredential-530003", "AL115"),
        ("166-devcontainer-script-53000-not-compliant", "AL115"),
        ("160-steampipe-az-cli-50173-traceback", "AL113"),
    ] {
        let r = scan(name);
        assert_eq!(r.root_cause, Some(id), "{name}");
        assert!(r.findings.iter().all(|f| f.id != "AL024"), "{name}");
    }
    // The 401 and the ARM lookup are one az acr login message: the subscription explains the 401.
    let ids: Vec<&str> = scan("164-az-acr-login-registry-in-other-subscription").findings.iter().map(|f| f.id).collect();
    assert_eq!(&ids[..2], ["AL209", "AL030"]);
}

#[test]
fn a_user_outside_the_tenant_and_device_code_sign_in_are_told_apart() {
    // Not a member, not a guest; and a guest trying username and password: AL116, never the
    // app-not-found entry (AL022) the word "application" might suggest.
    for name in ["167-az-login-tenant-50020-not-a-guest", "168-az-login-username-password-guest-50034"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL116"), Strength::RootCause), "{name}");
        assert!(r.findings.iter().all(|f| f.id != "AL022"), "{name}");
    }
    let e = crate::catalog::entry("AL116").unwrap();
    let fix: String = e.fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect::<Vec<_>>().join("\n");
    assert!(fix.contains("--tenant") && fix.contains("guest") && e.cause.contains("-u -p"));

    // The code expired (RootCause); a job that stopped at the prompt (LikelyCause: nothing after it).
    let r = scan("171-az-login-device-code-expired");
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL117"), Strength::RootCause));
    let r = scan("177-jenkins-acs-engine-device-login-prompt");
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL117"), Strength::LikelyCause));
    // The pending poll logged at ERROR, and az's device-code hint in front of another failure.
    for name in ["172-adal4j-device-code-70016-pending-logged-as-error", "178-az-login-650057-both-flows-same-day"] {
        assert!(scan(name).findings.iter().all(|f| f.id != "AL117"), "{name}");
    }

    // A scope Entra does not know in that tenant: the login server, or another cloud's ARM.
    for name in ["169-az-login-scope-arm-china-cloud-500011", "170-az-login-scope-acr-login-server-500011"] {
        assert_eq!(scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL026"], "{name}");
    }
    let code: String = crate::catalog::entry("AL026").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("az cloud show"));

    // docker's credential-helper warning after "Login Succeeded" (az 2.1.0 read it as an error), a
    // client that did not know GitLab, a dependency's limit on Arc: no credential cause, no finding.
    for name in [
        "173-bitbucket-az-acr-login-docker-warning-as-error",
        "174-circleci-az-acr-login-warning-exit-status-1",
        "175-gitlab-azd-auth-login-unsupported-federated-provider",
        "176-arc-acr-credential-provider-uami-unsupported",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.is_empty(), "{name}: {:?}", r.findings.iter().map(|f| f.id).collect::<Vec<_>>());
    }
}

#[test]
fn credential_helpers_notation_and_container_apps_of_the_twelfth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // A helper the config names but the image lacks, before the generic credential-store failure it
    // is printed inside; a helper that ran and failed (no store dir, nothing stored, a forwarding
    // store that reached no helper) is the store's failure, never a missing binary.
    assert_eq!(ids("179-kaniko-acr-credential-helper-not-in-path"), ["AL412", "AL411"]);
    for name in [
        "180-jenkins-x-kaniko-acr-helper-store-dir",
        "181-az-acr-login-pass-helper-no-usernames",
        "187-devcontainer-ssh-az-acr-login-osxkeychain-epipe",
    ] {
        assert_eq!(ids(name), ["AL411"], "{name}");
    }
    let code: String = crate::catalog::entry("AL412").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("acr-env"));

    // notation's missing credential store; its Key Vault plugin not finding az names no cause (the
    // poster had az), and is neither "not logged in" nor "az not installed on the runner".
    assert_eq!(ids("182-notation-login-credentials-store-not-set-up"), ["AL413"]);
    let r = scan("183-notation-azure-kv-az-not-recognized");
    assert!(r.root_cause.is_none() && r.findings.is_empty(), "{:?}", ids("183-notation-azure-kv-az-not-recognized"));

    // containerd's own CLI pulling anonymously: a likely cause, as kubelet's wording is.
    let r = scan("184-microk8s-ctr-pull-acr-anonymous-token-401");
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL405"), Strength::LikelyCause));

    // Container Apps: the Task that builds for `up` had no credential (ABAC registry); `up` found no
    // admin credentials to give the app (the app's own registry credentials, not the admin user's).
    assert_eq!(ids("185-containerapp-up-abac-registry-task-no-credential"), ["AL220"]);
    assert_eq!(ids("186-containerapps-deploy-action-failed-to-retrieve-registry-credentials"), ["AL218", "AL600"]);
    let code: String = crate::catalog::entry("AL220").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("--source-acr-auth-id [caller]"));

    // podman's emulation notice on stderr is az's DOCKER_COMMAND_ERROR; a dev container client that
    // could not yet do ACR's token exchange claims nothing.
    assert_eq!(ids("188-az-acr-login-podman-docker-emulation-stderr"), ["AL500"]);
    assert!(scan("189-devcontainer-feature-acr-no-credentials-unresolved").findings.is_empty());
}

#[test]
fn helm_az_acr_import_and_network_rules_of_the_thirteenth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // helm 3.18.0's token login without a user name: ACR's 401 is kept, as a symptom, with the way out.
    let r = scan("190-helm-3-18-registry-login-expose-token-no-username");
    assert!(r.root_cause.is_none() && r.findings[0].strength == Strength::Symptom, "{:?}", ids("190-helm-3-18-registry-login-expose-token-no-username"));
    assert!(r.findings[0].evidence.iter().any(|e| e.contains("00000000-0000-0000-0000-000000000000")));

    // The registry's network rules, in az's old words (no challenge, then ACR's refusal), and in an
    // import whose refusal names the target although the source's firewall refused.
    assert_eq!(ids("194-az-acr-repository-list-vnet-no-challenge-denied")[0], "AL040");
    assert!(ids("194-az-acr-repository-list-vnet-no-challenge-denied").iter().all(|id| *id != "AL033"));
    assert_eq!(ids("196-az-acr-import-cross-tenant-source-firewall-ip"), ["AL040"]);
    let e = crate::catalog::entry("AL510").unwrap();
    let fix: String = e.fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect::<Vec<_>>().join("\n");
    assert!(e.cause.contains("network rules") && fix.contains("publicNetworkAccess"));

    // Import with AcrPush only: the registry is invisible to ARM; AL209 says what import needs.
    assert_eq!(scan("198-az-acr-import-acrpush-only-registry-not-found").root_cause, Some("AL209"));
    let say: String = crate::catalog::entry("AL209").unwrap().fix.iter().map(|s| s.text).collect();
    assert!(say.contains("importImage/action"));

    // attach-acr in az aks create's words; a subnet's role assignment is not the registry's.
    assert_eq!(ids("199-az-aks-create-attach-acr-validation-error"), ["AL410"]);
    assert!(ids("200-az-aks-create-subnet-role-assignment-graph-400").iter().all(|id| *id != "AL410"));

    // A registry-side import bug and an az bug behind `az acr helm push` claim nothing.
    for name in ["192-az-acr-helm-push-service-principal-authentication-required", "197-az-acr-import-source-challenge-without-scope"] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.is_empty(), "{name}: {:?}", ids(name));
    }
}

#[test]
fn decoys_and_new_acr_areas_of_the_fourteenth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // Failing logs whose failure is not a login, with ACR, Azure or Docker words around it: nothing
    // found at all (not even a symptom to mislead), or only the generic exit line.
    for name in [
        "202-devops-copy-failed-then-acr-login-no-local-image",
        "205-jenkins-docker-push-no-space-left-on-device",
        "206-gha-bicep-container-app-image-required-after-acr-push",
        "207-ci-npm-e401-azure-artifacts-feed",
        "208-devops-docker-acr-build-debian-stretch-apt-404",
        "211-docker-trust-signer-add-401",
        "212-oras-push-retention-policy-debug-challenge",
        "213-aks-artifact-streaming-localhost-8578-context-canceled",
    ] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
    // Docker Hub's limit inside an ACR Task, and a missing tag, are each named alone.
    assert_eq!(ids("203-az-acr-build-dockerhub-unauthenticated-pull-limit"), ["AL207"]);
    assert_eq!(ids("204-aks-pull-tag-latest-manifest-unknown"), ["AL060"]);

    // Terraform's wording of an empty registry name; the quarantine policy; an az crash and a cache
    // answering 502 are symptoms only.
    assert_eq!(ids("209-terraform-azurerm-container-registry-empty-name"), ["AL204", "AL600"]);
    assert_eq!(ids("210-acr-quarantine-manifest-patch-image-quarantined"), ["AL221"]);
    let code: String = crate::catalog::entry("AL221").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("AcrQuarantineWriter") && code.contains("quarantinePolicy"));
    for name in ["214-az-acr-cache-create-unboundlocalerror-az-2-70", "215-acr-cache-rule-quay-502-bad-gateway"] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom), "{name}: {:?}", ids(name));
    }
}

#[test]
fn secrets_on_az_s_command_line_and_windows_pulls_of_the_fifteenth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // A secret az never received whole: a leading `-` (three clients), cmd.exe cutting it at `)`
    // (PowerShell's `az :` prefix, and az.cmd's echoed python line): AL613 alone.
    for name in [
        "216-devops-azurecli-task-secret-leading-dash",
        "217-azure-login-creds-secret-leading-dash",
        "218-devops-terraform-task-az-login-secret-leading-dash",
        "219-az-login-sp-close-paren-cmd-unexpected",
        "220-az-login-password-paren-cmd-echo",
    ] {
        assert_eq!(ids(name), ["AL613"], "{name}");
    }
    let e = crate::catalog::entry("AL613").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect::<Vec<_>>().join("\n");
    assert!(code.contains("--password=\"$AZURE_CLIENT_SECRET\"") && code.contains("`\"$env:AZURE_CLIENT_SECRET`\""), "{code}");
    // Cut at `>` with only Entra's refusal in the log: AL021, whose cause now names the shell.
    assert_eq!(ids("221-az-login-sp-secret-gt-redirected-7000215"), ["AL021"]);
    assert!(crate::catalog::entry("AL021").unwrap().cause.contains("AL613"));

    assert_eq!(ids("222-devops-image-publish-adal-7000222"), ["AL020"]);
    // Windows' credential manager out of this logon session: the credential store entry.
    assert_eq!(ids("223-gha-windows-runner-docker-login-wincred-logon-session"), ["AL411"]);
    assert!(crate::catalog::entry("AL411").unwrap().cause.contains("logon session"));

    // Windows nodes: the platform or Windows version, never the 401 printed with it.
    let r = scan("224-aks-windows-node-image-os-version-incompatible-then-401");
    // CRI's `rpc error` before the daemon's 401 names the node's pull (AL402) since the
    // thirty-seventh pass; both readings stay below the platform.
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL404", "AL402", "AL200"]);
    assert!(r.findings[1..].iter().all(|f| f.strength < Strength::RootCause));
    // The anonymous fallback's 401 is listed after it, never first (AL405 reads containerd's short
    // form since the eighteenth pass).
    let r = scan("225-aks-windows-node-no-match-for-platform-then-anonymous-401");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL404", "AL405"]);
    assert!(r.findings[1].strength < Strength::RootCause);
    let say: String = crate::catalog::entry("AL404").unwrap().fix.iter().map(|s| s.text).collect();
    assert!(say.contains("ltsc2019") && say.contains("kubernetes.io/os"), "{say}");

    // App Service's "Image pull failed" after a missing tag; a preview limitation that names its
    // own way out claims nothing.
    assert_eq!(ids("226-app-service-webappcontainer-head-tag-not-found-image-pull-failed")[0], "AL060");
    assert!(ids("227-functions-on-container-apps-acr-managed-identity-unsupported").is_empty());
}

#[test]
fn oidc_subjects_abac_catalog_and_manifest_lists_of_the_sixteenth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // GitHub's subject forms of 2025-2026: the immutable `owner@id/repo@id` one on either side, a
    // custom template, a wildcard typed into `subject`: each is AADSTS700213, the subject kept
    // exactly as Entra printed it (with its `@` IDs), also where the message wrapped before it.
    for name in [
        "228-azure-login-immutable-subject-portal-credential-700213",
        "229-gha-immutable-subject-token-name-based-credential-700213",
        "230-azd-auth-login-custom-subject-template-700213",
        "231-gha-tag-wildcard-subject-700213-wrapped",
    ] {
        assert_eq!(ids(name), ["AL013"], "{name}");
    }
    let r = scan("229-gha-immutable-subject-token-name-based-credential-700213");
    assert_eq!(r.findings[0].params.subject.as_deref(), Some("repo:contoso@41898282/fkh-deploy@918273645:ref:refs/heads/main"));
    let subject = |name| scan(name).findings[0].params.subject.clone();
    assert_eq!(subject("230-azd-auth-login-custom-subject-template-700213").as_deref(), Some("repository_owner_id:31415926:repository_id:2718281828:ref:refs/heads/main"));
    assert_eq!(subject("231-gha-tag-wildcard-subject-700213-wrapped").as_deref(), Some("repo:tig/winprint:ref:refs/tags/v2.0.6-signing-test2"));
    let e = crate::catalog::entry("AL013").unwrap();
    assert!(e.cause.contains("immutable") && e.cause.contains("template"), "{}", e.cause);
    let say: String = e.fix.iter().map(|s| s.text).collect();
    assert!(say.contains("claimsMatchingExpression") && say.contains("literal"), "{say}");

    // A GitHub Enterprise Server issuer Entra cannot fetch: AADSTS501661 is read by its text.
    let r = scan("232-azure-login-ghes-issuer-501661");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL018"]);
    assert_eq!(r.findings[0].params.aadsts_code.as_deref(), Some("501661"));
    assert_eq!(ids("233-azure-login-dependabot-not-all-values-present")[0], "AL003");
    assert!(crate::catalog::entry("AL003").unwrap().cause.contains("Dependabot"));

    // ABAC mode: AcrPull does not list the catalog; the entry names the role that does.
    assert_eq!(ids("234-aks-node-bootstrap-abac-acrpull-catalog-401")[0], "AL063");
    assert!(crate::catalog::entry("AL063").unwrap().cause.contains("Catalog Lister"));

    // A manifest list named without the registry went to Docker Hub: its refusal is not a missing
    // AcrPush, which stays listed after it.
    let r = scan("236-devops-manifest-tool-multiarch-push-docker-io-denied");
    assert_eq!(r.findings[0].id, "AL212");
    assert_eq!(r.findings[0].line, 3);
    assert!(r.findings[1..].iter().all(|f| f.id != "AL212"));

    let r = scan("237-entra-7000112-application-disabled-json");
    assert_eq!(r.findings[0].id, "AL100");
    assert_eq!(r.findings[0].params.app_id.as_deref(), Some("8b0c024c-0000-4774-9da8-a8d8b7ed331a"));

    // A client bug and an Entra-side incident: nothing claimed, only the wrappers listed.
    assert!(ids("235-acrcssc-oci-push-cannot-respond-to-authentication").is_empty());
    let r = scan("238-azure-login-500031-signing-certificate-intermittent");
    assert_eq!(r.root_cause, None);
    assert!(r.findings.iter().all(|f| f.strength == Strength::Symptom), "{:?}", r.findings.iter().map(|f| f.id).collect::<Vec<_>>());
}

#[test]
fn a_task_without_workload_identity_support_is_named_not_the_federated_credential() {
    for name in [
        "240-devops-appconfiguration-wif-clientsecretcredential-required",
        "241-devops-adf-task-wif-clientsecretcredential-required",
        "242-devops-costdata-task-wif-secret-non-empty-string",
        "243-devops-appconfiguration-wif-automatic-clientsecretcredential",
    ] {
        assert_eq!(scan(name).root_cause, Some("AL614"), "{name}");
    }
    let e = crate::catalog::entry("AL614").unwrap();
    assert!(e.cause.contains("workload identity federation") && e.cause.contains("secret"), "{}", e.cause);
    // A task's bare 401 after the switch says nothing the catalog could stand behind.
    for name in ["244-devops-apim-task-wif-remote-server-401", "245-devops-routetraffic-task-wif-auth-token-401"] {
        assert_eq!(scan(name).root_cause, None, "{name}");
    }
}

#[test]
fn bicep_helm_and_terraform_clients_of_the_eighteenth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // Azure.Identity's wording of "not signed in" (bicep, template analyzers), and its timeout
    // waiting for az or Azure PowerShell: two different fixes.
    assert_eq!(ids("248-msdo-template-analyzer-bicep-restore-not-signed-in"), ["AL603"]);
    assert_eq!(ids("253-devops-azurepowershell-bicep-restore-powershell-timed-out"), ["AL615"]);
    let fix: String = crate::catalog::entry("AL603").unwrap().fix.iter().map(|s| s.text).collect();
    assert!(fix.contains("az bicep restore") && fix.contains("AzureCLI@2"), "{fix}");
    let e = crate::catalog::entry("AL615").unwrap();
    let fix: String = e.fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect::<Vec<_>>().join("\n");
    assert!(fix.contains("auto-upgrade.enable=no") && fix.contains("credentialPrecedence"), "{fix}");
    // The VS Code credential's own failure is not "run az login".
    assert!(ids("256-bicep-vscode-credential-stored-credentials-not-found").is_empty());

    // ACR has no Helm chart repository, whichever client asked for one; helm's wording alone,
    // without an ACR host in view, is any chart repository's and claims nothing.
    for name in [
        "249-devops-helm3-repo-add-acr-index-yaml-404",
        "250-terraform-helm-release-https-acr-index-yaml-404",
        "251-helm-repo-add-oci-acr-object-required",
    ] {
        assert_eq!(ids(name), ["AL222"], "{name}");
    }
    let log = "Error: looks like \"https://charts.example.com/stable\" is not a valid chart repository or cannot be reached: failed to fetch https://charts.example.com/stable/index.yaml : 404 Not Found\n";
    assert!(scan_log(log, NOW).findings.is_empty());
    let code: String = crate::catalog::entry("AL222").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("helm install <RELEASE> oci://"));

    // AADSTS50001 is AL026, never AADSTS500011's prefix match the other way round.
    let r = scan("252-az-acr-login-azure-local-aadsts50001-acr-audience");
    assert_eq!((r.root_cause, r.findings[0].params.aadsts_code.as_deref()), (Some("AL026"), Some("50001")));
    assert_eq!(ids("170-az-login-scope-acr-login-server-500011"), ["AL026"]);
    let code: String = crate::catalog::entry("AL026").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("acr.audience_resource"));

    // helm's chart download in containerd's words: its own credentials refused (AL200), or none
    // sent (a symptom, as for helm 3.7 in 46); kubelet's entries keep kubelet's lines.
    let r = scan("257-terraform-helm-release-oci-oauth-token-401");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL200"]);
    assert!(r.findings[0].evidence.iter().any(|e| e.contains("helm_release")));
    let r = scan("46-helm-install-oci-anonymous-token-401");
    assert!(r.findings.iter().all(|f| f.id != "AL405" || f.strength == Strength::Symptom));
    assert_eq!(scan("32-aks-oauth-token-401-and-not-found").root_cause, Some("AL402"));
    assert!(crate::catalog::entry("AL405").unwrap().cause.contains("agentpool"));
    assert!(crate::catalog::entry("AL200").unwrap().cause.contains("another tenant"));
}

#[test]
fn helm_run_by_other_tools_acr_tasks_and_azure_services_of_the_nineteenth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // helm run by Argo CD (a dependency build) or kustomize (`--enable-helm`) sent no credentials:
    // a symptom naming the tool's way out, and no kubelet entry as cause or candidate.
    for name in ["258-argocd-helm-dependency-build-acr-anonymous-401", "259-argocd-kustomize-enable-helm-acr-anonymous-token-401"] {
        let r = scan(name);
        assert_eq!(r.findings.iter().map(|f| (f.id, f.strength)).collect::<Vec<_>>(), [("AL405", Strength::Symptom)], "{name}");
        assert!(r.root_cause.is_none() && r.findings[0].evidence.iter().any(|e| e.contains("helmGlobals.configHome")), "{name}");
        assert!(r.candidates.iter().all(|c| c.id != "AL402" && c.id != "AL405"), "{name}: {:?}", r.candidates);
    }
    // `helm dependency build` itself in CI: helm's own evidence (log in in the same job).
    let log = "Downloading common from repo oci://contosoacr.azurecr.io/helm\n\
               Error: could not download oci://contosoacr.azurecr.io/helm/common: failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized\n";
    let r = scan_log(log, NOW);
    assert!(r.root_cause.is_none() && r.findings[0].evidence.iter().any(|e| e.contains("helm/helm#10373")));
    // A kubelet's anonymous pull keeps its entry.
    assert_eq!(scan("30-aks-anonymous-token-401").root_cause, Some("AL405"));

    // An ACR Task with a user-assigned identity on a registry that admits trusted services; Azure ML
    // building its images for a registry behind a VNet.
    assert_eq!(ids("261-acr-task-user-assigned-identity-trusted-services-exchange-403"), ["AL040"]);
    let e = crate::catalog::entry("AL040").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("--use-identity [system]") && code.contains("--allow-trusted-services true") && e.cause.contains("system-assigned"));
    assert_eq!(ids("262-azureml-workspace-acr-vnet-image-build-compute-not-valid"), ["AL223"]);
    let code: String = crate::catalog::entry("AL223").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("az ml workspace update") && code.contains("--image-build-compute"));

    // ACR's words through oras and the IoT Edge agent, whose StatusCode:500 is its own wrapper.
    assert_eq!(ids("260-oras-discover-acr-docker-cli-not-logged-in"), ["AL200"]);
    assert_eq!(ids("264-iotedge-agent-pull-invalid-clientid-status-500"), ["AL021"]);
    let r = scan("266-iotedge-agent-pull-authentication-required-status-500");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].params.http_status), (Some("AL200"), 1, Some(401)));

    // A VNet pull of buildx images, a virtual kubelet's credential mapping, BuildKit on Windows
    // Server: nothing the catalog can name.
    for name in [
        "263-functions-vnet-image-pull-buildx-image-unexpected-failure",
        "265-virtual-kubelet-aci-1-6-no-username-in-auth-config",
        "267-windows-server-buildx-privileged-mode-before-private-acr-push",
    ] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
}

#[test]
fn app_service_container_instances_and_service_fabric_of_the_twentieth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // App Service's own pull refused (its DockerApiException line, its msiProxy sidecar or `ERROR -`
    // log prefix in view): the web app's registry settings, not a workflow login.
    for name in ["268-app-service-msi-proxy-docker-hub-pull-401", "270-app-service-head-401-after-appsettings-bad-request"] {
        let r = scan(name);
        assert_eq!(ids(name), ["AL218"], "{name}");
        assert!(r.findings[0].evidence.iter().any(|e| e.contains("App Service's own pull")), "{name}");
    }
    let code: String = crate::catalog::entry("AL218").unwrap().fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect();
    assert!(code.contains("acrUseManagedIdentityCreds") && code.contains("acrUserManagedIdentityID"), "{code}");
    // After a failed first pull (a layer it could not extract, a missing tag), App Service retries
    // without credentials: that 401 is a symptom, listed after the first error if the catalog
    // knows it.
    let r = scan("269-app-service-register-layer-host-id-then-401");
    assert_eq!(r.findings.iter().map(|f| (f.id, f.strength)).collect::<Vec<_>>(), [("AL200", Strength::Symptom)]);
    assert!(r.candidates.iter().all(|c| !["AL224", "AL402", "AL405"].contains(&c.id)), "{:?}", r.candidates);
    for name in ["64-app-service-manifest-tagged-not-found", "226-app-service-webappcontainer-head-tag-not-found-image-pull-failed"] {
        let r = scan(name);
        assert_eq!(r.findings.iter().map(|f| (f.id, f.strength)).collect::<Vec<_>>(), [("AL060", Strength::RootCause), ("AL200", Strength::Symptom)], "{name}");
    }
    // The same exception from another Docker.DotNet client keeps ACR's generic 401.
    let log = "Docker.DotNet.DockerApiException : Docker API responded with status code=InternalServerError, response={\"message\":\"Head \\\"https://contosoacr.azurecr.io/v2/api/manifests/1.4.2\\\": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\"}\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL200"));
    // App Service with VNet integration pulled over the public network: the way to route it.
    assert_eq!(ids("271-app-service-vnet-integration-private-acr-denied"), ["AL224"]);
    let code: String = crate::catalog::entry("AL224").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("properties.vnetImagePullEnabled=true"), "{code}");

    // Container Instances: Docker Hub's limit in ACI's words (az, Terraform, a second error after).
    for name in [
        "272-aci-az-container-create-registryerrorresponse-docker-hub",
        "273-aci-terraform-container-group-409-registryerrorresponse",
        "274-aci-yaml-two-errors-registryerrorresponse-then-500",
    ] {
        assert_eq!(ids(name), ["AL207"], "{name}");
    }
    assert!(crate::catalog::entry("AL207").unwrap().cause.contains("RegistryErrorResponse"));
    assert_eq!(ids("275-aci-yaml-multi-container-azure-registry-credential"), ["AL218"]);
    assert!(crate::catalog::entry("AL218").unwrap().cause.contains("imageRegistryCredentials"));
    assert_eq!(ids("276-aci-private-acr-firewall-client-ip-denied"), ["AL040"]);

    // Service Fabric's history check after a download: the Windows version, with the manifest's
    // per-OS images; its daemon's bare 500 and Container Apps' back-off name nothing.
    assert_eq!(ids("278-devops-service-fabric-image-history-check-os-version"), ["AL404"]);
    let say: String = crate::catalog::entry("AL404").unwrap().fix.iter().map(|s| s.text).collect();
    assert!(say.contains("ImageOverrides"), "{say}");
    assert!(ids("279-service-fabric-getimagehistory-internal-server-error").is_empty());
    let r = scan("277-containerapp-revision-imagepullfailure-after-24h");
    assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom));
}

#[test]
fn build_and_test_tools_reading_docker_s_credentials_of_the_twenty_first_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // A tool that reads Docker's credential store itself and sends the identity token stored under
    // `<token>` as a user name and password: ACR's service-principal wording, in its 2023 and its
    // older form; the entry names the tool and its way out.
    assert_eq!(ids("290-testcontainers-node-desktop-helper-token-user-name-client-id-must-be-guid"), ["AL216"]);
    let r = scan("293-docker-maven-plugin-helper-token-as-password-sp-unknown-error");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].strength), (Some("AL216"), 1, Strength::LikelyCause));
    let e = crate::catalog::entry("AL216").unwrap();
    assert!(e.cause.contains("`<token>`") && e.cause.contains("testcontainers"), "{}", e.cause);
    assert!(e.fix.iter().any(|s| s.text.contains("`<token>`")));

    // The identity token ignored, the empty password sent: ACR's generic 401, whose cause and fix
    // now say so; ACR's bare `UNAUTHORIZED` body alone claims nothing.
    assert_eq!(ids("292-testcontainers-dotnet-identitytoken-ignored-authentication-required"), ["AL200"]);
    let e = crate::catalog::entry("AL200").unwrap();
    assert!(e.cause.contains("identitytoken") && e.fix.iter().any(|s| s.text.contains("--expose-token")), "{}", e.cause);
    assert!(scan("291-testcontainers-node-identitytoken-ignored-unauthorized-json").findings.is_empty());

    // The .NET SDK asked the credential store, which had nothing for the registry: no login, not a
    // store failure (AL411 keeps the store's own refusals, as on a headless VM without D-Bus).
    let r = scan("294-dotnet-sdk-container-desktop-helper-credentials-not-found");
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL211"), 1));
    assert_eq!(r.findings[0].occurrences, 3, "the exception chain repeats one failure");
    assert_eq!(ids("298-az-acr-login-ubuntu-vm-secretservice-dbus-no-x11"), ["AL411"]);

    // kubelet's daemon pull event wrapped at its colons: still the cluster's credentials; ACR's
    // 401 after a push or a login typed in a shell stays AL200.
    let r = scan("295-tye-local-kubernetes-daemon-pull-401-no-pull-secret");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].line), (Some("AL402"), 1, 4));
    assert!(r.findings[0].evidence.iter().any(|e| e.contains("wrapped")));
    assert!(crate::catalog::entry("AL402").unwrap().cause.contains("outside AKS"));
    for name in ["296-vscode-terminal-docker-push-not-logged-in-401", "301-visual-studio-publish-docker-login-401"] {
        assert_eq!(ids(name), ["AL200"], "{name}");
    }
    let log = "Failed to pull image \"contosoacr.azurecr.io/web:1\": rpc error: code = Unknown desc = failed to pull\n\
               $ docker push contosoacr.azurecr.io/web:1\n\
               unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL200"), "kubelet's lead without the daemon's is not this event");

    // A Docker Desktop release's helper bug, a Codespaces limitation of 2020, a local "No such
    // image" after an unreported pull failure: nothing the catalog can name.
    for name in [
        "297-az-acr-login-wsl2-docker-desktop-4-4-3-credstore-updated",
        "299-codespaces-dockerfile-private-acr-base-not-supported",
        "300-testcontainers-dotnet-no-such-image-after-az-acr-login",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.is_empty(), "{name}: {:?}", ids(name));
    }
}

#[test]
fn look_alikes_from_other_registries_and_clouds_of_the_twenty_second_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // Another registry named on the refusal's line, above it, or in the reference docker or helm
    // printed before: ACR's causes in the same words are symptoms, and not candidates either.
    for (name, host) in [
        ("302-earthly-save-image-docker-hub-oauth-token-401-not-acr", "docker.io"),
        ("303-buildx-from-private-ghcr-image-anonymous-token-401-not-acr", "ghcr.io"),
        ("304-helm-install-oci-ghcr-oauth-token-403-not-acr", "ghcr.io"),
        ("306-podman-ghcr-incident-unable-to-retrieve-auth-token-not-acr", "ghcr.io"),
        ("308-argocd-image-updater-docker-hub-tags-denied-not-acr", "docker.io"),
        ("309-argocd-image-updater-digitalocean-tags-401-not-acr", "registry.digitalocean.com"),
        ("310-login-action-harbor-v2-401-not-acr", "docker.XXX.com"),
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && !r.findings.is_empty(), "{name}: {:?}", ids(name));
        for f in r.findings.iter().filter(|f| ACR_CAUSE_SHARED_WORDS.contains(&f.id)) {
            assert_eq!(f.strength, Strength::Symptom, "{name}: {}", f.id);
            assert!(f.evidence.iter().any(|e| e.starts_with(OTHER_REGISTRY_LEAD) && e.contains(host)), "{name}: {:?}", f.evidence);
        }
        assert!(r.candidates.iter().all(|c| !ACR_CAUSE_SHARED_WORDS.contains(&c.id)), "{name}: {:?}", r.candidates);
    }
    // A push role, a scope map, network rules answering a token request with 403: only ACR has
    // these causes, so a refusal naming no registry at all claims none of them.
    for name in ["305-harbor-containerd-oauth-token-403-no-host-not-acr", "307-buildx-docker-hub-push-denied-bare-line-not-acr"] {
        let r = scan(name);
        assert_eq!(r.findings.iter().map(|f| f.strength).collect::<Vec<_>>(), [Strength::Symptom], "{name}");
        assert!(r.root_cause.is_none() && r.findings[0].evidence[0].starts_with(NO_ACR_IN_VIEW_LEAD), "{name}");
    }
    // The same words about an ACR keep their causes: the host on the line, in the reference docker
    // printed before many layer lines, a masked host, ACR's link, Argo's `registry=` field.
    let layers: String = (0..120).map(|i| format!("2024-06-03T09:25:4{}.1234567Z 5f70bf18a0{:02}: Preparing\n", i % 10, i % 100)).collect();
    assert!(layers.len() > 6000, "more layer lines than the three lines and the 2 KB window above");
    let log = format!("2024-06-03T09:25:40.1Z The push refers to repository [contosoacr.azurecr.io/api]\n{layers}2024-06-03T09:25:49.1Z denied: requested access to the resource is denied\n");
    assert_eq!(scan_log(&log, NOW).root_cause, Some("AL033"));
    let log = format!("The push refers to repository [***/api]\n{layers}denied: requested access to the resource is denied\n");
    assert_eq!(scan_log(&log, NOW).root_cause, Some("AL033"));
    let log = format!("The push refers to repository [docker.io/contoso/api]\n{layers}denied: requested access to the resource is denied\n");
    let r = scan_log(&log, NOW);
    assert!(r.findings.iter().any(|f| f.id == "AL033" && f.strength == Strength::Symptom), "{:?}", r.findings);
    let log = "$ helm install web oci://contosoacr.azurecr.io/helm/web --version 1.4.2\nError: INSTALLATION FAILED: failed to authorize: failed to fetch oauth token: unexpected status: 403 Forbidden\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL403"));
    let log = "level=error msg=\"Could not get tags from registry: errors:\\ndenied: requested access to the resource is denied\\nunauthorized: authentication required\\n\" alias=web application=web image_name=api image_tag=1.4.2 registry=contosoacr.azurecr.io\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL063"));
    let log = "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL200"));
    // ACR's generic 401 with a Docker Hub base image named above but ACR's own link on its line.
    let log = "#3 [internal] load metadata for docker.io/library/node:20\nERROR: failed to solve: failed to push: unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL200"));

    // Other clouds' federation: nothing found, no ACR or Entra cause offered as one.
    for name in ["311-aws-oidc-not-authorized-assume-role-with-web-identity", "312-gcp-wif-federated-token-invalid-target"] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
    // GitHub's own OIDC refusal is the same for any cloud: the missing `id-token: write`.
    assert_eq!(ids("313-gcp-auth-no-id-token-permission-github-oidc"), ["AL001"]);

    // Blob Storage refusing another tenant's token is not ACR's forwarded Authorization header,
    // which storage words differently; the ACR clients that forwarded it stay AL203.
    assert!(ids("314-azd-remote-state-blob-issuer-validation-failed").is_empty());
    for name in ["106-renovate-acr-blob-redirect-authorization", "109-spring-dataflow-acr-blob-400-invalid-authentication-info"] {
        assert_eq!(scan(name).root_cause, Some("AL203"), "{name}");
    }

    // Managed identity "unavailable" as one attempt of DefaultAzureCredential's chain: a symptom;
    // a chain whose identity endpoint answered (several identities, none named) keeps AL610.
    let r = scan("315-gitlab-defaultazurecredential-key-vault-chain-unavailable");
    assert_eq!(r.findings.iter().map(|f| (f.id, f.strength)).collect::<Vec<_>>(), [("AL610", Strength::Symptom)]);
    assert!(r.root_cause.is_none() && r.findings[0].evidence[0].contains("credential chain"));
    assert_eq!(scan("84-flux-helmrepository-no-default-identity").root_cause, Some("AL610"));
    let log = "az login --identity\nERROR: ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL610"), "not in a chain: the identity itself");

    // Generic entries that truly apply to other registries and to ARM stay.
    assert_eq!(ids("316-ecr-push-no-basic-auth-credentials-wrong-account"), ["AL211"]);
    assert_eq!(ids("317-terraform-backend-listkeys-authorizationfailed"), ["AL606"]);
}

#[test]
fn look_alikes_beyond_registries_of_the_twenty_third_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // Nothing about ACR or its federation: no finding claims a cause.
    for (name, _) in all().iter().filter(|(n, _)| n[..3].parse::<u32>().is_ok_and(|n| (318..=333).contains(&n)) && n.ends_with("-not-acr")) {
        assert!(causes(name).is_empty(), "{name}: {:?}", ids(name));
    }
    let evidence = |name: &str, id: &str| scan(name).findings.into_iter().find(|f| f.id == id).map(|f| (f.strength, f.evidence)).unwrap_or_else(|| panic!("{name}: no {id}"));

    // No Docker daemon for `docker build`: a symptom naming the command; after a login, AL050.
    for name in ["321-docker-build-cannot-connect-daemon-not-acr", "322-runner-action-container-build-docker-api-not-acr"] {
        let (s, e) = evidence(name, "AL050");
        assert!(s == Strength::Symptom && e[0].contains("`docker build`"), "{name}: {e:?}");
    }
    for name in ["16-az-acr-login-cloud-shell-no-docker", "17-az-acr-login-windows-docker-api"] {
        assert_eq!(scan(name).root_cause, Some("AL050"), "{name}");
    }
    let log = "$ docker build -t contosoacr.azurecr.io/api:1.4.2 .\n$ az acr login -n contosoacr\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL050"), "the login after the build is what failed");

    // A 429 from a service that is not a registry; ACR's and MCR's own stay AL043, and so does a
    // 429 whose only URL is a link to documentation.
    let (s, e) = evidence("323-runner-action-download-429-api-github-not-acr", "AL043");
    assert!(s == Strength::Symptom && e[0].contains("api.github.com"), "{e:?}");
    for name in ["27-mcr-toomanyrequests-devops", "86-aks-event-export-acr-toomanyrequests", "87-devops-az-acr-refresh-token-429"] {
        assert_eq!(scan(name).root_cause, Some("AL043"), "{name}");
    }
    let log = "npm error 429 Too Many Requests - GET https://registry.npmjs.org/left-pad\n";
    assert_eq!(scan_log(log, NOW).findings[0].strength, Strength::Symptom);
    let log = "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": toomanyrequests: too many requests\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL043"));
    let log = "Error: 429 Too Many Requests. See https://docs.github.com/rest/rate-limit for the limits.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL043"), "a link is no request: nothing says which service");

    // `exec format error` in a RUN step is the builder's emulation; on a node or in `docker run`, AL404.
    let (s, e) = evidence("324-buildx-run-exec-format-error-no-emulation-not-acr", "AL404");
    assert!(s == Strength::Symptom && e[0].contains("setup-qemu-action"), "{e:?}");
    for name in ["101-acr-task-windows-base-no-matching-manifest", "224-aks-windows-node-image-os-version-incompatible-then-401", "278-devops-service-fabric-image-history-check-os-version"] {
        assert_eq!(scan(name).root_cause, Some("AL404"), "{name}");
    }
    let log = "$ docker run --rm contosoacr.azurecr.io/api:1.4.2\nexec /usr/local/bin/api: exec format error\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL404"));

    // Storage's own listing refused; the registry clients that forwarded the header stay AL203.
    let (s, e) = evidence("325-storage-list-invalid-authentication-info-not-acr", "AL203");
    assert!(s == Strength::Symptom && e[0].contains("restype="), "{e:?}");
    for name in ["106-renovate-acr-blob-redirect-authorization", "109-spring-dataflow-acr-blob-400-invalid-authentication-info"] {
        assert_eq!(scan(name).root_cause, Some("AL203"), "{name}");
    }

    // OAuth's `invalid_token` from GitLab's API; ACR's own challenge names the registry.
    let (s, e) = evidence("328-gitlab-api-invalid-token-revoked-not-acr", "AL032");
    assert!(s == Strength::Symptom && e[0].starts_with(NO_ACR_IN_VIEW_LEAD), "{e:?}");
    let log = "www-authenticate: Bearer realm=\"https://contosoacr.azurecr.io/oauth2/token\",service=\"contosoacr.azurecr.io\",error=\"invalid_token\"\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL032"));

    // git refusing a repository: AL007's cause only with the job's permissions in view, and
    // `contents` not among them.
    for name in ["329-go-mod-download-private-module-terminal-prompts-disabled-not-acr", "330-checkout-private-repo-not-found-github-incident"] {
        let (s, e) = evidence(name, "AL007");
        assert!(s == Strength::Symptom && e[0].contains("GITHUB_TOKEN Permissions"), "{name}: {e:?}");
    }
    let refused = "remote: Repository not found.\n##[error]fatal: repository 'https://github.com/contoso/api/' not found\n";
    let log = format!("##[group]GITHUB_TOKEN Permissions\nMetadata: read\n##[endgroup]\n{refused}");
    assert_eq!(scan_log(&log, NOW).root_cause, Some("AL007"));
    let log = format!("##[group]GITHUB_TOKEN Permissions\nContents: read\nMetadata: read\n##[endgroup]\n{refused}");
    let r = scan_log(&log, NOW);
    assert!(r.root_cause.is_none() && r.findings[0].evidence[0].contains("`contents` access"), "{:?}", r.findings);
    let log = format!("permissions:\n  id-token: write\n{refused}");
    assert_eq!(scan_log(&log, NOW).root_cause, Some("AL007"), "the workflow pasted with the log");

    // Entries that apply whatever the target: a TLS-inspecting proxy, Entra refusing the assertion
    // kubelogin sent for an AKS cluster (the same fix as for a registry login).
    assert_eq!(ids("331-go-build-proxy-golang-x509-unknown-authority"), ["AL042"]);
    assert_eq!(ids("332-kubelogin-workload-identity-devops-token-50027"), ["AL110"]);
    // ARM's linked-scope refusal names no cause the catalog words; its control-plane entry is the
    // first candidate.
    let r = scan("327-terraform-subnet-linked-authorization-failed-route-table");
    assert!(r.findings.is_empty() && r.candidates.first().map(|c| c.id) == Some("AL606"), "{:?}", r.candidates);
}

#[test]
fn look_alikes_in_ci_services_and_clusters_of_the_twenty_fourth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // Nothing about ACR or its federation: no finding claims a cause.
    for (name, _) in all().iter().filter(|(n, _)| n[..3].parse::<u32>().is_ok_and(|n| (334..=349).contains(&n)) && n.ends_with("-not-acr")) {
        assert!(causes(name).is_empty(), "{name}: {:?}", ids(name));
    }
    let evidence = |name: &str, id: &str| scan(name).findings.into_iter().find(|f| f.id == id).map(|f| (f.strength, f.evidence)).unwrap_or_else(|| panic!("{name}: no {id}"));
    let symptom_saying = |name: &str, id: &str, words: &str| {
        let (s, e) = evidence(name, id);
        assert!(s == Strength::Symptom && e.iter().any(|e| e.contains(words)), "{name} {id}: {e:?}");
    };

    // Throttling by Docker Hub (its link names it), another registry, or the Actions cache; a
    // 429 that names no service, or names ACR, stays AL043.
    assert_eq!(scan("335-docker-hub-toomanyrequests-download-rate-limit-link").root_cause, Some("AL207"));
    symptom_saying("335-docker-hub-toomanyrequests-download-rate-limit-link", "AL043", "Docker Hub");
    assert_eq!(ids("336-testcontainers-build-docker-hub-pull-rate-limit"), ["AL207"]);
    symptom_saying("337-actions-cache-restore-429-cache-service-not-acr", "AL043", "cache service");
    let log = "FATAL init error: GET https://ghcr.io/v2/aquasecurity/trivy-db/manifests/2: toomanyrequests: too many requests\n";
    let r = scan_log(log, NOW);
    assert!(r.root_cause.is_none() && r.findings[0].evidence[0].contains("ghcr.io"), "{:?}", r.findings);
    assert_eq!(scan_log("error pulling image configuration: toomanyrequests: too many requests\n", NOW).root_cause, Some("AL043"));
    for name in ["27-mcr-toomanyrequests-devops", "86-aks-event-export-acr-toomanyrequests", "87-devops-az-acr-refresh-token-429"] {
        assert_eq!(scan(name).root_cause, Some("AL043"), "{name}");
    }

    // A connection to a Kubernetes service or API server, or to this machine or a port ACR never
    // answers on: not the registry's network. ACR's own private endpoint and egress keep theirs.
    for (name, words) in [
        ("338-helm-cert-manager-webhook-svc-connection-refused-not-acr", "cert-manager-webhook.cert-manager.svc:443"),
        ("340-calico-failedcreatepodsandbox-apiserver-io-timeout-not-acr", "[10.43.0.1]:443"),
    ] {
        symptom_saying(name, "AL301", words);
        symptom_saying(name, "AL044", words);
    }
    symptom_saying("339-prometheus-operator-webhook-svc-client-timeout-not-acr", "AL304", "prometheus-operator-operator.monitoring.svc:443");
    symptom_saying("347-tests-econnrefused-localhost-postgres-not-acr", "AL044", "127.0.0.1:5432");
    for (name, id) in [
        ("144-aks-check-acr-private-endpoint-exchange-timeout", "AL301"),
        ("70-docker-login-transient-connection-refused", "AL044"),
        ("149-devops-private-agent-push-connection-reset", "AL044"),
        ("146-kubelet-acr-credential-provider-challenge-timeout", "AL304"),
    ] {
        assert_eq!(scan(name).root_cause, Some(id), "{name}");
    }
    let log = "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": dial tcp 10.1.2.5:443: i/o timeout\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL301"));
    let log = "failed to do request: read tcp 10.0.0.4:51234->20.61.123.45:443: read: connection reset by peer\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL044"), "the local port is not the far end");
    let log = "dial tcp 127.0.0.1:5000: connect: connection refused\nError: connect ECONNREFUSED [::1]:5000\n";
    assert!(scan_log(log, NOW).root_cause.is_none(), "a registry on this machine is not an ACR");

    // containers/image's `Error writing blob` names ACR's geo-replicas only with an ACR in view.
    let (s, e) = evidence("345-buildah-push-quay-error-writing-blob-not-acr", "AL202");
    assert!(s == Strength::Symptom && e[0].starts_with(OTHER_REGISTRY_LEAD) && e[0].contains("quay.io"), "{e:?}");
    let (s, e) = evidence("346-podman-push-openshift-registry-error-writing-blob-500-not-acr", "AL202");
    assert!(s == Strength::Symptom && e[0].starts_with(NO_ACR_IN_VIEW_LEAD), "{e:?}");
    assert_eq!(scan("99-acr-geo-replicated-push-manifest-blob-unknown").root_cause, Some("AL202"));
    let log = "Error: writing to destination: Error writing blob: Error initiating layer upload to /v2/api/blobs/uploads/ in contosoacr.azurecr.io: blob upload unknown\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL202"));

    // Docker Hub's layer storage: not ACR's data endpoints, but a connection that failed to a
    // registry's host on 443, which the connection entry names whatever the registry.
    symptom_saying("348-buildx-docker-hub-storage-connection-reset", "AL305", "docker.io");
    assert_eq!(ids("349-compose-docker-hub-storage-dial-io-timeout"), ["AL044"]);
    assert_eq!(scan("68-kubelet-blob-storage-eof").root_cause, Some("AL305"));

    // Key Vault, Azure Policy, a moved chart repository: nothing found at all.
    for name in [
        "341-csi-keyvault-failedmount-nmi-404-not-acr",
        "342-terraform-keyvault-secret-forbiddenbyrbac-not-acr",
        "343-terraform-storage-requestdisallowedbypolicy-not-acr",
        "344-terraform-helm-bitnami-index-yaml-403-not-acr",
    ] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
}

#[test]
fn workload_identity_federation_outside_github_of_the_twenty_fifth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // Kubernetes service account subjects as Entra printed them, with the credential that takes them.
    let r = scan("358-wi-kubectl-create-token-az-login-700213-serviceaccount");
    let p = &r.findings[0].params;
    assert_eq!((r.root_cause, p.subject.as_deref()), (Some("AL013"), Some("system:serviceaccount:xxx:yyy")));
    assert_eq!(p.credential_name.as_deref(), Some("k8s-xxx-yyy"));
    let r = scan("359-wi-python-clientauthenticationerror-70021-aks-intermittent");
    let p = &r.findings[0].params;
    assert_eq!(p.issuer.as_deref(), Some("https://westeurope.oic.prod-aks.azure.com/<TENANT_ID>/<SOME_ID>/"));
    assert_eq!(p.subject.as_deref(), Some("system:serviceaccount:<namespace>:<service-account-name>"));
    assert_eq!(p.audience.as_deref(), Some("api://AzureADTokenExchange"));

    // Other issuers' subjects come out whole, blanks included (HCP Terraform's default project,
    // Azure DevOps project and service connection names); a wrap inside a value takes none.
    for subject in [
        "project_path:contoso/platform/api:ref_type:branch:ref:main",
        "organization:contoso:project:Default Project:workspace:acr-push:run_phase:apply",
        "sc://contoso/Container Platform/acr push",
    ] {
        let log = format!("ERROR: AADSTS700213: No matching federated identity record found for presented assertion subject '{subject}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.\n");
        let r = scan_log(&log, NOW);
        assert_eq!((r.root_cause, r.findings[0].params.subject.as_deref()), (Some("AL013"), Some(subject)));
        assert!(r.findings[0].params.credential_name.is_some(), "{subject}");
    }
    let log = "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://gitlab.com'. Assertion Subject: 'project_path:contoso/api:ref_type:branch:ref:main'. Assertion Audience: 'https://gitlab.com'.\n";
    let p = &scan_log(log, NOW).findings[0].params;
    assert_eq!((p.issuer.as_deref(), p.subject.as_deref(), p.audience.as_deref()), (Some("https://gitlab.com"), Some("project_path:contoso/api:ref_type:branch:ref:main"), Some("https://gitlab.com")));
    let log = "AADSTS700213: No matching federated identity record found for presented assertion subject 'organization:contoso:project:Default\nProject:workspace:acr-push:run_phase:apply'.\n";
    assert_eq!(scan_log(log, NOW).findings[0].params.subject, None, "cut by the wrap");
    assert_eq!(scan("231-gha-tag-wildcard-subject-700213-wrapped").findings[0].params.subject.as_deref(), Some("repo:tig/winprint:ref:refs/tags/v2.0.6-signing-test2"));

    // A managed identity's resource ID where its client ID belongs: the entry says so and how to
    // read the client ID.
    assert_eq!(ids("360-wi-quick-start-700016-uami-resource-id-as-client-id"), ["AL022"]);
    let e = crate::catalog::entry("AL022").unwrap();
    assert!(e.cause.contains("azure.workload.identity/client-id") && e.fix.iter().any(|s| s.code == Some("az identity show -g <RG> -n <IDENTITY> --query clientId -o tsv")));

    // The webhook never set the pod up: no token file, no tenant; the entry names the label, the
    // annotation and the cluster switch.
    for name in [
        "361-wi-quick-start-webhook-not-injected-token-file-empty",
        "362-ratify-acr-workload-identity-tenant-id-env-empty",
        "363-appconfig-provider-workload-identity-no-token-file-specified",
    ] {
        assert_eq!(ids(name), ["AL416"], "{name}");
    }
    let e = crate::catalog::entry("AL416").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("azure.workload.identity/use: \"true\"") && code.contains("--enable-workload-identity"), "{code}");
    // In a credential chain (Go's DefaultAzureCredential tries workload identity on any machine),
    // the same words are one attempt: a symptom.
    let log = "DefaultAzureCredential: failed to acquire a token.\nAttempted credentials:\n\tEnvironmentCredential: missing environment variable AZURE_TENANT_ID\n\tWorkloadIdentityCredential: no client ID specified. Check pod configuration or set ClientID in the options\n\tManagedIdentityCredential: no default identity is assigned to this resource\n";
    let r = scan_log(log, NOW);
    let wi = r.findings.iter().find(|f| f.id == "AL416").expect("AL416 listed");
    assert!(wi.strength == Strength::Symptom && wi.evidence[0].contains("credential chain"), "{:?}", wi.evidence);
    assert_eq!(r.root_cause, Some("AL610"), "the identity endpoint that answered keeps its cause");

    // Entra's own tokens as the assertion, directly or after a first federated hop.
    for name in ["364-entra-700222-entra-issued-token-as-federated-assertion", "365-wi-mi-fic-double-hop-700231"] {
        assert_eq!(ids(name), ["AL119"], "{name}");
    }
    let code: String = crate::catalog::entry("AL119").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("oidcIssuerProfile.issuerUrl") && code.contains("system:serviceaccount:"), "{code}");
    // AADSTS7000222 (an expired secret) and AADSTS700222 are told apart.
    let log = "AADSTS7000222: The provided client secret keys for app '00000000-0000-4000-8000-00000000c11d' are expired.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL020"));

    // A self-hosted issuer signing without `kid`; a token file read once; the registry asked for
    // as a resource, whose message's `tenant named` is no tenant.
    let r = scan("366-otf-azure-dynamic-credentials-5002723-no-kid");
    assert_eq!((r.root_cause, r.findings[0].params.aadsts_code.as_deref()), (Some("AL015"), Some("5002723")));
    assert_eq!(ids("367-risingwave-workload-identity-700024-token-read-once"), ["AL002"]);
    let r = scan("368-external-secrets-acr-generator-500011-registry-as-resource");
    assert_eq!((r.root_cause, r.findings[0].params.tenant.as_deref()), (Some("AL026"), None));
    let log = "AADSTS500011: The resource principal named https://contosoacr.azurecr.io was not found in the tenant named 11111111-2222-4333-8444-555555555555. This can happen if the application has not been installed.\n";
    assert_eq!(scan_log(log, NOW).findings[0].params.tenant.as_deref(), Some("11111111-2222-4333-8444-555555555555"));

    // A client bug before any request: nothing claimed.
    assert!(ids("369-ratify-acr-workload-identity-msal-authority-client-bug").is_empty());
}

#[test]
fn look_alikes_in_deploys_clusters_and_credential_stores_of_the_twenty_sixth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // Nothing about ACR or its federation: no finding claims a cause.
    for (name, _) in all().iter().filter(|(n, _)| n[..3].parse::<u32>().is_ok_and(|n| (382..=405).contains(&n)) && n.ends_with("-not-acr")) {
        assert!(causes(name).is_empty(), "{name}: {:?}", ids(name));
    }

    // kubectl's lead names the API server as what it could not reach, whatever the error after it;
    // the same errors from a registry client keep the registry's network.
    for (name, id) in [("392-kubectl-aks-api-server-tls-handshake-timeout-not-acr", "AL303"), ("393-kubectl-api-server-dial-io-timeout-not-acr", "AL044")] {
        let r = scan(name);
        let f = r.findings.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("{name}: no {id}"));
        assert!(f.strength == Strength::Symptom && f.evidence.iter().any(|e| e == rules::API_SERVER_EVIDENCE), "{name}: {:?}", f.evidence);
    }
    let log = "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": net/http: TLS handshake timeout\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL303"));
    let log = "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": dial tcp 20.61.123.45:443: i/o timeout\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL044"));
    let log = "$ kubectl get pods\nUnable to connect to the server: dial tcp 20.61.123.45:443: i/o timeout\n";
    assert!(scan_log(log, NOW).root_cause.is_none(), "kubectl's own connection");
    // A kubelet event in a `kubectl describe` output is not kubectl's lead: the registry's
    // network stays named.
    let log = "  Warning  Failed  5s  kubelet  Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": rpc error: code = Unknown desc = Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": net/http: TLS handshake timeout\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL303"));

    // Entries that name a cause whatever the target, pinned as themselves and alone.
    for (name, id) in [
        ("382-kubelet-docker-hub-tag-never-pushed-manifest-unknown", "AL060"),
        ("383-docker-pull-ghcr-private-package-read-package-denied", "AL062"),
        ("386-aci-ghcr-image-not-accessible-registry-credential", "AL218"),
        ("388-devops-terraform-init-backend-please-run-az-login", "AL603"),
        ("389-devops-webapp-deploy-aadsts50012-invalid-client-secret", "AL021"),
        ("390-ecr-login-windows-wincred-stub-bad-data", "AL411"),
        ("394-kubectl-aks-api-server-no-such-host", "AL041"),
        ("395-terraform-registry-client-timeout-provider-packages", "AL304"),
    ] {
        assert_eq!(causes(name), [id], "{name}");
    }

    // GHCR's anonymous pull and ACI's credentials for a GHCR image: the cause stands, and the
    // finding says the `az acr` commands of its fix are not that registry's. No other real log
    // gets the note: every other finding with `az acr` in its fix is about an ACR (or names none).
    let noted: Vec<(&str, &str)> = EXPECTED
        .iter()
        .flat_map(|(name, _)| {
            scan(name).findings.into_iter().filter(|f| f.evidence.iter().any(|e| e.starts_with(OTHER_REGISTRY_FIX_LEAD) && e.contains("ghcr.io"))).map(move |f| (*name, f.id))
        })
        .collect();
    assert_eq!(noted, [("383-docker-pull-ghcr-private-package-read-package-denied", "AL062"), ("386-aci-ghcr-image-not-accessible-registry-credential", "AL218")]);
    // Since the thirty-seventh pass, kubelet's events naming an image without a host are Docker
    // Hub's too: a tag never pushed there, an anonymous refusal.
    let docker_hub = ["204-aks-pull-tag-latest-manifest-unknown", "534-kubelet-docker-hub-private-image-pull-access-denied-not-acr"];
    for name in docker_hub {
        assert!(scan(name).findings[0].evidence.iter().any(|e| e.starts_with(OTHER_REGISTRY_FIX_LEAD) && e.contains("docker.io")), "{name}");
    }
    // Since the thirty-eighth pass, an ECR login whose credential helper is missing: AL411, listed
    // under AL412, says its `az acr login` is not that registry's.
    let ecr = ["546-buildah-login-ecr-credential-helper-not-in-path-not-acr"];
    assert!(EXPECTED.iter().all(|(name, _)| docker_hub.contains(name) || ecr.contains(name) || noted.iter().any(|(n, _)| n == name) || scan(name).findings.iter().all(|f| !f.evidence.iter().any(|e| e.starts_with(OTHER_REGISTRY_FIX_LEAD)))));
    // A login server kept in a secret (`https://***/v2/`) may be an ACR: never "another registry".
    let log = "Error response from daemon: Get \"https://***/v2/\": unauthorized: authentication required\n";
    let r = scan_log(log, NOW);
    assert_eq!((r.root_cause, r.findings[0].evidence.len()), (Some("AL200"), 0), "{:?}", r.findings[0].evidence);

    // GHCR's own refusals, a NuGet feed in a build, Azure DevOps Server: nothing claimed, and the
    // GHCR ones found nothing at all beyond the back-off symptom.
    assert!(ids("384-kubelet-ghcr-denied-then-name-unknown-not-acr").is_empty());
    assert_eq!(ids("385-aks-kubelet-ghcr-private-image-unauthorized-not-acr"), ["AL407"]);
    assert!(ids("391-devops-trigger-build-tf400813-anonymous-not-acr").is_empty());
}

#[test]
fn azure_services_pulling_on_their_own_of_the_twenty_eighth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // Azure Batch pulls with the pool's registry settings: ACR's 401 under its `ContainerInvalidImage`
    // is the pool's credentials, on the same line or under the error's `Value:` (the shape of
    // Azure/Batch#122); the finding says whose pull it was.
    let r = scan("410-batch-pool-acr-containerinvalidimage-unauthorized-no-registry-credentials");
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL218"), 1));
    assert!(r.findings[0].evidence.iter().any(|e| e.contains("Azure Batch") && e.contains("containerRegistries")), "{:?}", r.findings[0].evidence);
    let log = "Category: UserError\nCode: ContainerInvalidImage\nMessage: One or more container images specified are invalid\nName: ContainerImage\n\nValue:\nGet https://contosoacr.azurecr.io/v2/jobs/worker/manifests/2.1: unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL218"));
    // Without Batch's code in view, the same 401 stays ACR's generic refusal: a pull secret whose
    // app ID lost a character (OpenShift on Azure).
    assert_eq!(ids("414-openshift-on-azure-acr-pull-secret-appid-mispasted-401"), ["AL200"]);

    // Databricks Container Services names no registry answer, only the cluster's settings; the
    // entry says where Batch and Databricks keep their credentials.
    let r = scan("413-databricks-container-services-image-doesnt-exist-or-invalid-credential");
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL218"), 1));
    let e = crate::catalog::entry("AL218").unwrap();
    assert!(e.cause.contains("Batch pools and Databricks clusters"), "{}", e.cause);
    assert!(e.fix.iter().any(|s| s.text.contains("containerConfiguration.containerRegistries") && s.text.contains("docker_image.basic_auth")));

    // Azure ML's Kubernetes deployment identity refused at ACR's token exchange: a missing role.
    let r = scan("417-azureml-kubernetes-endpoint-acr-token-exchange-forbidden");
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL030"), 1));

    // A private Docker Hub image Batch pulled without the pool's credentials: the cause any
    // registry can have, with no `az acr` note (no registry named).
    assert_eq!(causes("411-batch-pool-docker-hub-private-pull-access-denied"), ["AL062"]);

    // The same services failing for reasons that are not a registry's refusal, or naming none:
    // nothing claimed.
    for name in [
        "412-batch-task-containerinvalidsettings-docker-read-timeout-not-acr",
        "415-spring-apps-deploy-custom-container-ghcr-no-error-not-acr",
        "416-cromwell-on-azure-registry-not-supported-call-caching-not-acr",
        "418-azureml-managed-online-endpoint-image-pull-failed-image-fetcher",
        "419-containerapp-job-identity-config-configmap-not-found-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && causes(name).is_empty(), "{name}: {:?}", ids(name));
    }
}

#[test]
fn tools_that_pull_and_push_for_themselves_of_the_twenty_seventh_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // porter resolves bundles with containerd's resolver and Docker's credentials: its anonymous
    // refusal is a client with no login for the registry, not a kubelet's (AL405 before).
    for (name, occurrences) in [("397-porter-cnab-driver-pull-bundle-anonymous-token-401", 1), ("398-porter-copy-quickstart-bundle-anonymous-token-401", 2)] {
        let r = scan(name);
        assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL211"], "{name}");
        let f = &r.findings[0];
        assert!(f.strength == Strength::LikelyCause && f.occurrences == occurrences && f.evidence.iter().any(|e| e == rules::OWN_RESOLVER_EVIDENCE), "{name}: {:?}", f.evidence);
        assert!(r.candidates.is_empty());
    }
    // A kubelet's own anonymous refusal keeps its entry; porter's refused credentials are ACR's 401.
    assert_eq!(scan("184-microk8s-ctr-pull-acr-anonymous-token-401").root_cause, Some("AL405"));
    let log = "Error: unable to pull bundle contosoacr.azurecr.io/bundles/app:v1: failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized\n";
    let r = scan_log(log, NOW);
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL200"), 1));

    // cosign's keychain: the ECR helper's complaint about an ACR host claims nothing; ACR's 401 on
    // the token endpoint is the finding, once for both lines.
    let r = scan("396-cosign-verify-k8s-keychain-acr-helper-token-user-401");
    assert_eq!((ids("396-cosign-verify-k8s-keychain-acr-helper-token-user-401"), r.findings[0].occurrences), (vec!["AL200"], 2));
    assert_eq!(ids("399-rad-recipe-show-private-acr-recipe-escaped-401"), ["AL200"]);

    // The registry's host where a repository belongs: Docker Hub's `library/<host>`, which AL212
    // now names; an ACR manifest URL is never read so.
    assert_eq!(ids("400-cnspec-scan-acr-host-without-repository-docker-hub-401"), ["AL212", "AL200"]);
    assert!(crate::catalog::entry("AL212").unwrap().cause.contains("`library/<registry>.azurecr.io`"));
    let log = "Error: GET https://contosoacr.azurecr.io/v2/app/manifests/1.4.2: UNAUTHORIZED: authentication required; [map[Action:pull Class: Name:app Type:repository]]\n";
    assert_eq!(scan_log(log, NOW).findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL200"]);

    // go-containerregistry's refresh-token grant (POST) refused: AL032; its GET with a user name
    // and password refused stays ACR's generic 401.
    let r = scan("401-kpack-controller-aks-mi-refresh-token-post-401-after-1h");
    assert_eq!((ids("401-kpack-controller-aks-mi-refresh-token-post-401-after-1h"), r.findings[0].params.registry.as_deref()), (vec!["AL032"], Some("xxxacr.azurecr.io")));
    assert!(crate::catalog::entry("AL032").unwrap().cause.contains("POST .../oauth2/token"));

    // Look-alikes: Docker Hub and GHCR refusing grype, copa's BuildKit and jib. Nothing claimed, and
    // ACR's causes in the same words are not suggested as candidates either.
    for name in [
        "402-grype-registry-auth-sent-to-docker-hub-401-not-acr",
        "403-copa-action-ghcr-anonymous-token-401-not-acr",
        "404-jib-gradle-docker-hub-push-registry-unauthorized-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom), "{name}: {:?}", ids(name));
        assert!(r.candidates.iter().all(|c| !ACR_CAUSE_SHARED_WORDS.contains(&c.id)), "{name}: {:?}", r.candidates);
    }
    let f = scan("403-copa-action-ghcr-anonymous-token-401-not-acr").findings.into_iter().find(|f| f.id == "AL405").expect("AL405 listed");
    let (s, e) = (f.strength, f.evidence);
    assert!(s == Strength::Symptom && e[0].starts_with(OTHER_REGISTRY_LEAD) && e[0].contains("ghcr.io"), "{e:?}");
}

#[test]
fn the_push_side_once_the_login_worked_of_the_twenty_ninth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // A layer upload the registry lost: buildx's 416 on the upload's PUT, the SDK's error code;
    // the entry says the upload starts over and the login is not the problem.
    for name in ["424-buildx-sbom-attestation-acr-blob-upload-416", "425-sdk-net-acr-upload-blob-blob-upload-unknown"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings.len(), r.findings[0].strength), (Some("AL229"), 1, Strength::LikelyCause), "{name}");
    }
    let e = crate::catalog::entry("AL229").unwrap();
    assert!(e.cause.contains("cannot resume") && e.fix.iter().any(|s| s.text.contains("Push again")), "{}", e.cause);
    // The same codes from another registry are that registry's: GHCR on the line, in two clients' words.
    let r = scan("426-dotnet-container-ghcr-blob-upload-invalid-not-acr");
    assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom), "{:?}", ids("426-dotnet-container-ghcr-blob-upload-invalid-not-acr"));
    assert!(r.findings.iter().any(|f| f.id == "AL229" && f.evidence.iter().any(|e| e.starts_with(OTHER_REGISTRY_LEAD) && e.contains("ghcr.io"))));
    let log = "ERROR: failed to push ghcr.io/contoso/app:1.0: unexpected status from PUT request to https://ghcr.io/v2/contoso/app/blobs/uploads/0b1c?digest=sha256%3A4c1d: 416 Requested Range Not Satisfiable\n";
    assert!(scan_log(log, NOW).root_cause.is_none());
    // geo-replicas keep docker's `Error writing manifest` wording (AL202's own example).
    let log = "The push refers to repository [contosoacr.azurecr.io/api]\nError writing manifest: blob upload unknown to registry\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL202"));

    // Refusals of a cache manifest (Pulp) and of a provenance attestation (Alibaba Cloud's
    // registry): no ACR cause, and no finding at all for words no entry has.
    assert!(causes("427-buildx-cache-manifest-pulp-400-not-acr").is_empty());
    assert!(ids("428-buildx-provenance-alicloud-acr-empty-config-denied-not-acr").is_empty());

    // A tag left without its manifest by `az acr import --force`: AL060, which names the race.
    assert_eq!(ids("429-az-acr-import-force-race-target-manifest-unknown"), ["AL060"]);
    assert!(crate::catalog::entry("AL060").unwrap().cause.contains("az acr import --force"));

    // `helm push`'s invalid repository: the name, with the chart named as the repository's source.
    assert_eq!(ids("432-helm-push-oci-acr-invalid-reference-invalid-repository"), ["AL204"]);
    assert!(crate::catalog::entry("AL204").unwrap().cause.contains("`helm push`"));

    // A server error on a layer push, Artifactory refusing a cosign attestation: nothing claimed.
    for name in ["430-docker-push-acr-layer-503-service-unavailable", "431-cosign-attest-att-manifest-invalid-could-not-locate-artifact"] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
}

#[test]
fn ci_systems_beyond_github_and_azure_devops_of_the_thirtieth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // `az acr login` where the CI gives no daemon (a Concourse task container, a Prow job whose
    // Docker-in-Docker did not start): the daemon, whose fix needs none (`--expose-token`); az's
    // DOCKER_COMMAND_ERROR wrapper stays below it.
    assert_eq!(ids("438-concourse-az-acr-login-username-password-no-docker-daemon"), ["AL050"]);
    assert_eq!(ids("439-prow-capz-az-acr-login-dind-daemon-not-running"), ["AL050", "AL500"]);
    let r = scan("439-prow-capz-az-acr-login-dind-daemon-not-running");
    assert!(r.findings[1].rank > r.findings[0].rank && r.findings[0].strength == Strength::RootCause);

    // A Jenkins Azure credential of the certificate kind binds no secret: az's parser names it,
    // and the entry says an unset secret variable does the same as a leading `-`.
    assert_eq!(ids("440-jenkins-azure-credentials-certificate-sp-no-client-secret"), ["AL613"]);
    assert!(crate::catalog::entry("AL613").unwrap().cause.contains("an unset, unquoted secret variable"));

    // kaniko images without the ACR helper the pipeline's config names, under either name it had
    // (`acr-env`, `acr-linux`): the helper first, the store's generic words after it.
    for name in ["441-tekton-jenkins-x-kaniko-acr-env-helper-not-in-image", "447-jenkins-x-kaniko-acr-linux-helper-renamed-not-in-path"] {
        assert_eq!(ids(name), ["AL412", "AL411"], "{name}");
    }

    // A pipeline step's image without a tag: the missing `latest` first, kubelet's 401 on the same
    // event after it.
    let r = scan("442-kubeflow-pipeline-acr-image-without-tag-manifest-unknown-then-401");
    assert_eq!((r.root_cause, r.findings[0].params.registry.as_deref()), (Some("AL060"), Some("acrname.azurecr.io")));

    // Look-alikes: GitLab's own registry through a dind service it could not resolve, Drone's
    // Docker Hub push without its secrets, ECR refusing Argo Workflows' controller, kaniko's
    // Docker Hub push without its config: no cause, and no ACR cause in every registry's words
    // among the candidates.
    for name in [
        "443-gitlab-ci-local-dind-docker-login-service-lookup-not-acr",
        "444-drone-docker-plugin-guest-mode-docker-hub-push-denied-not-acr",
        "445-argo-workflows-controller-ecr-entrypoint-lookup-401-not-acr",
        "446-tekton-kaniko-docker-hub-push-secret-not-mounted-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && causes(name).is_empty(), "{name}: {:?}", ids(name));
        assert!(r.candidates.iter().all(|c| !ACR_CAUSE_SHARED_WORDS.contains(&c.id)), "{name}: {:?}", r.candidates);
    }
    // Docker Hub's `denied` after Drone's push: listed, as a symptom naming Docker Hub.
    let f = scan("444-drone-docker-plugin-guest-mode-docker-hub-push-denied-not-acr").findings.into_iter().find(|f| f.id == "AL033").expect("AL033 listed");
    assert!(f.strength == Strength::Symptom && f.evidence[0].starts_with(OTHER_REGISTRY_LEAD) && f.evidence[0].contains("docker.io"), "{:?}", f.evidence);
}

#[test]
fn logins_that_worked_before_a_later_failure_of_the_thirty_first_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // A device-code prompt that az answered with the account list: the sign-in completed, so the
    // prompt is listed as a symptom saying so, and nothing is claimed for the packing failure.
    let r = scan("448-az-login-device-code-completed-then-acr-build-packing-unexpected-end-not-acr");
    assert!(r.root_cause.is_none() && r.findings.len() == 1, "{:?}", ids("448-az-login-device-code-completed-then-acr-build-packing-unexpected-end-not-acr"));
    let f = &r.findings[0];
    assert!(f.id == "AL117" && f.strength == Strength::Symptom && f.evidence.iter().any(|e| e == rules::SIGNED_IN_AFTER_PROMPT_EVIDENCE), "{:?}", f.evidence);
    // Without the account list the prompt is what a job stopped at, and stays its cause; the list
    // printed by a later command (3 KB on) does not answer it.
    let prompt = "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD1234 to authenticate.\n";
    assert_eq!(scan_log(prompt, NOW).root_cause, Some("AL117"));
    let later = format!("{prompt}{}[\n  {{\n    \"cloudName\": \"AzureCloud\",\n    \"isDefault\": true\n  }}\n]\n", "Waiting...\n".repeat(300));
    assert_eq!(scan_log(&later, NOW).root_cause, Some("AL117"));

    // Logins that worked, then failures that are not ACR's (a rollout, kubectl without a cluster,
    // a Jenkins plugin printing az's warnings as `Failure:`, an extension failing on docker's
    // warning): no cause claimed, and docker's and az's success noise finds nothing at all.
    for name in [
        "450-actions-docker-login-password-stdin-success-warnings-only-not-acr",
        "451-k8s-deploy-kubectl-validate-openapi-localhost-8080-refused-not-acr",
        "452-k8s-deploy-promote-rollout-exceeded-progress-deadline-not-acr",
        "455-jenkins-az-acr-build-warnings-as-failure-build-failed-not-acr",
        "456-vscode-docker-pull-acr-password-unencrypted-warning-as-error",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && causes(name).is_empty(), "{name}: {:?}", ids(name));
    }
    for name in ["450-actions-docker-login-password-stdin-success-warnings-only-not-acr", "455-jenkins-az-acr-build-warnings-as-failure-build-failed-not-acr"] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
    // kubectl reaching for localhost:8080: not even the registry's network entries as candidates.
    let r = scan("451-k8s-deploy-kubectl-validate-openapi-localhost-8080-refused-not-acr");
    assert!(r.candidates.iter().all(|c| !rules::CONNECTION_ENTRIES.contains(&c.id)), "{:?}", r.candidates);
    // ACR's 500s on a push, retried: named by no entry, as 430.
    assert!(causes("453-buildx-acr-e2e-first-push-500-retrying-then-canceled").is_empty());

    // The login noise does not hide a failure that is ACR's: the Container App's own registry
    // settings after the runner's `Login Succeeded!`, the registry's throttling of the login after
    // `docker version`, a later docker's pull without the login task's credentials.
    assert_eq!(causes("449-containerapps-deploy-action-login-succeeded-then-revision-image-unauthorized")[0], "AL218");
    assert_eq!(ids("454-dotnet-image-builder-docker-login-acr-toomanyrequests"), ["AL043"]);
    assert_eq!(ids("457-devops-docker-login-task-then-script-build-from-private-acr-401"), ["AL200"]);
}

#[test]
fn sovereign_clouds_and_networks_in_front_of_a_registry_of_the_thirty_second_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // Entra's cross-cloud refusal in both codes; AADSTS900382 is not AADSTS90038's prefix match
    // (it was nothing found), and the entry names azure/login's cloud and audience and the
    // PowerShell sign-in that went to the global authority.
    for name in ["462-azure-login-usgov-azpssession-oidc-900382-cross-cloud", "464-az-login-sp-usgov-from-global-vm-90038-cross-cloud"] {
        assert_eq!(ids(name), ["AL102"], "{name}");
    }
    let e = crate::catalog::entry("AL102").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("environment: AzureUSGovernment") && code.contains("audience: api://AzureADTokenExchangeUSGov"), "{code}");
    assert!(e.cause.contains("enable-AzPSSession"));
    // azure/login's false id-token line, with the login going on after it: nothing claimed.
    let r = scan("463-azure-login-usgov-oidc-id-token-error-then-login-successful");
    assert!(r.root_cause.is_none() && r.findings.is_empty(), "{:?}", ids("463-azure-login-usgov-oidc-id-token-error-then-login-successful"));

    // The public audience against Azure China's credential: the audience Entra printed.
    let r = scan("465-terraform-azuread-china-oidc-700212-public-audience");
    assert_eq!((r.root_cause, r.findings[0].params.audience.as_deref()), (Some("AL012"), Some("api://AzureADTokenExchange")));

    // A national cloud's authority asked for a global tenant: AL023, whose cause names that way and
    // whose fix sets az's cloud.
    assert_eq!(causes("470-az-login-germany-cloud-authority-90002-tenant-not-found"), ["AL023"]);
    let e = crate::catalog::entry("AL023").unwrap();
    assert!(e.cause.contains("set to a national cloud") && e.fix.iter().any(|s| s.code == Some("az cloud set -n AzureCloud")));

    // Storage blocked behind a firewall that allowed the login server: the download first, the
    // anonymous retry after it.
    assert_eq!(ids("466-aks-pull-storage-fqdn-firewall-typo-eof-then-anonymous-401"), ["AL305", "AL405"]);
    assert_eq!(ids("467-az-acr-check-health-connectivity-ssl-error-proxy-question"), ["AL515"]);
    // urllib3's timeout on Windows (and on Linux) is the connection, ranked above az's traceback.
    assert_eq!(ids("468-az-acr-login-windows-winerror-10060-connect-timeout"), ["AL044", "AL602"]);
    let log = "HTTPSConnectionPool(host='contosoacr.azurecr.io', port=443): Max retries exceeded with url: /v2/ (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f2b1c>: Failed to establish a new connection: [Errno 110] Connection timed out'))\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL044"));
    assert!(ids("469-docker-run-mcr-head-eof-ipv6-adapter").is_empty());

    // A proxy refusing npm: the proxy's cause stands, and the finding names the service and the
    // tool's settings; a proxy refusing the registry gets no such note.
    for (name, host) in [("471-npm-install-node-sass-binary-proxy-407-not-acr", "github.com"), ("472-npm-fetch-registry-proxy-localhost-8080-refused-not-acr", "registry.npmjs.org")] {
        let r = scan(name);
        assert_eq!((r.root_cause, causes(name)), (Some("AL045"), vec!["AL045"]), "{name}");
        let note = r.findings[0].evidence.iter().find(|e| e.starts_with(OTHER_SERVICE_PROXY_LEAD)).unwrap_or_else(|| panic!("{name}: {:?}", r.findings[0].evidence));
        assert!(note.contains(host) && note.contains("npm config set https-proxy"), "{note}");
    }
    let log = "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": proxyconnect tcp: dial tcp 10.0.0.5:3128: connect: connection refused\n";
    let r = scan_log(log, NOW);
    assert_eq!(r.root_cause, Some("AL045"));
    assert!(r.findings[0].evidence.iter().all(|e| !e.starts_with(OTHER_SERVICE_PROXY_LEAD)), "{:?}", r.findings[0].evidence);
}

#[test]
fn sdks_and_infrastructure_tools_of_the_thirty_third_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // ARM's refusals of a management SDK's calls (an IDE listing registries, the admin
    // credentials it asked for): the control-plane role, whose cause names such tools.
    for name in ["473-intellij-azure-explorer-java-mgmt-list-registries-authorizationfailed", "474-vscode-docker-list-registries-listcredentials-authorizationfailed"] {
        assert_eq!(ids(name), ["AL606"], "{name}");
    }
    let e = crate::catalog::entry("AL606").unwrap();
    assert!(e.cause.contains("management SDKs") && e.cause.contains("`listCredentials`"), "{}", e.cause);

    // ACR's own ARM wording for admin credentials asked of a registry without the admin user is
    // the cause, not a consequence; the entry names Terraform's read.
    let r = scan("475-terraform-azurerm-3-52-registry-credentials-admin-user-disabled");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].strength), (Some("AL061"), 1, Strength::RootCause));
    assert!(crate::catalog::entry("AL061").unwrap().cause.contains("Terraform azurerm 3.52"));
    let log = "Error: UnAuthorizedForCredentialOperations: Cannot perform credential operations for /subscriptions/00000000-aaaa-4bbb-8ccc-dddddddddddd/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contosoacr as admin user is disabled.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL061"));

    // A registry in another subscription than the one the tool works in (Pulumi's Container App).
    assert_eq!(causes("478-pulumi-azure-native-containerapp-registry-in-other-subscription"), ["AL209"]);

    // A subscription offer without the registry provider, an IDE's refused token, a Crossplane
    // provider bug, Key Vault's and Storage's refusals in the SDKs' words: no cause claimed.
    for name in [
        "476-intellij-azure-explorer-java-mgmt-disallowedprovider-container-registry",
        "477-rider-azure-explorer-java-mgmt-list-registries-invalid-authentication-token",
        "479-crossplane-jet-azure-registry-encryption-required-argument-not-acr",
        "480-python-keyvault-secretclient-akv10000-bearer-missing-not-acr",
        "481-python-storage-get-account-information-permission-mismatch-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.is_empty(), "{name}: {:?}", ids(name));
    }

    // Azure PowerShell's device-code sign-in that completed (it chose among the tenant's
    // subscriptions): the prompt is a symptom saying so, as az's account list makes it.
    let r = scan("482-connect-azcontainerregistry-2-2-0-device-code-then-docker-warning-as-error");
    assert!(r.root_cause.is_none() && r.findings.len() == 1, "{:?}", ids("482-connect-azcontainerregistry-2-2-0-device-code-then-docker-warning-as-error"));
    let f = &r.findings[0];
    assert!(f.id == "AL117" && f.strength == Strength::Symptom && f.evidence.iter().any(|e| e == rules::SIGNED_IN_AFTER_PROMPT_EVIDENCE), "{:?}", f.evidence);
    // The prompt alone is still what a job stopped at.
    let prompt = "WARNING: To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code F8MUSLRQ8\nto authenticate.\n";
    assert_eq!(scan_log(prompt, NOW).root_cause, Some("AL117"));
}

#[test]
fn pods_that_fail_for_their_own_reasons_of_the_thirty_fourth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // Nothing about ACR or its federation: no finding claims a cause, but the image built for
    // another architecture, whatever the registry.
    for (name, _) in all().iter().filter(|(n, _)| n[..3].parse::<u32>().is_ok_and(|n| (487..=500).contains(&n)) && n.ends_with("-not-acr")) {
        let expected: &[&str] = if name.starts_with("497-") { &["AL404"] } else { &[] };
        assert_eq!(causes(name), expected, "{name}: {:?}", ids(name));
    }
    // The registry's name without its suffix, in a registry's request, is the registry's name
    // failing DNS, not a pod's Service.
    for log in [
        "Error response from daemon: Get \"https://contosoacr/v2/\": dial tcp: lookup contosoacr on 127.0.0.53:53: no such host\n",
        "$ docker login contosoacr -u 00000000-0000-0000-0000-000000000000 --password-stdin\nError response from daemon: dial tcp: lookup contosoacr: no such host\n",
    ] {
        assert_eq!(scan_log(log, NOW).root_cause, Some("AL041"), "{log}");
    }
    let symptom_saying = |name: &str, id: &str, words: &[&str]| {
        let r = scan(name);
        let f = r.findings.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("{name}: no {id}"));
        assert!(f.strength == Strength::Symptom && f.evidence.iter().any(|e| words.iter().all(|w| e.contains(w))), "{name} {id}: {:?}", f.evidence);
        let misleading = |c: &Candidate| rules::CONNECTION_ENTRIES.contains(&c.id) || rules::NAME_AND_CERTIFICATE_ENTRIES.contains(&c.id);
        assert!(!r.candidates.iter().any(misleading), "{name}: {:?}", r.candidates);
    };

    // A pod's database or peer under a Service name (or a name without a domain) that the
    // cluster's DNS did not answer: the name, in the words of psycopg2, Node and pgBackRest.
    for (name, host) in [
        ("490-airflow-psycopg2-postgres-service-name-not-known-not-acr", "`postgres`"),
        ("491-bitnami-mongodb-headless-svc-getaddrinfo-enotfound-not-acr", "`appsmith-mongodb-0.appsmith-mongodb-headless.default.svc.cluster.local`"),
        ("492-pgbackrest-repo-host-svc-name-not-known-not-acr", "`hippo-ha-repo-host-0.hippo-ha-pods.postgres-operator.svc.cluster.local.`"),
    ] {
        symptom_saying(name, "AL041", &[host, rules::CLUSTER_NAME_WORDS]);
    }
    // A certificate refused at an admission webhook's Service or at the API server.
    symptom_saying("493-akv2k8s-env-injector-webhook-svc-x509-unknown-authority-not-acr", "AL042", &["akv2k8s-envinjector.akv2k8s.svc:443", rules::CLUSTER_ENDPOINT_WORDS]);
    for id in ["AL306", "AL042"] {
        symptom_saying("494-weave-npc-api-server-x509-valid-for-not-acr", id, &["10.0.0.1:443", rules::CLUSTER_ENDPOINT_WORDS]);
    }
    // A registry's name and certificate keep their causes, in a kubelet event as in a login; so do
    // a domain name in a pod's log, a masked login server and kubectl's API server (394).
    for (log, id) in [
        ("  Warning  Failed  12s  kubelet  Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"contosoacr.azurecr.io/api:1.4.2\": failed to resolve reference \"contosoacr.azurecr.io/api:1.4.2\": failed to do request: Head \"https://contosoacr.azurecr.io/v2/api/manifests/1.4.2\": dial tcp: lookup contosoacr.azurecr.io on 10.0.0.10:53: no such host\n", "AL041"),
        ("Error response from daemon: Get \"https://registry.contoso.com/v2/\": x509: certificate signed by unknown authority\n", "AL042"),
        ("sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not translate host name \"db.contoso.com\" to address: Name or service not known\n", "AL041"),
        ("Error response from daemon: Get \"https://***/v2/\": dial tcp: lookup ***: no such host\n", "AL041"),
    ] {
        assert_eq!(scan_log(log, NOW).root_cause, Some(id), "{log}");
    }
    assert_eq!(causes("394-kubectl-aks-api-server-no-such-host"), ["AL041"]);

    // ACR's refusals in the same output keep theirs: a self-managed cluster's daemon pull into a
    // namespace just created, an AKS cluster's service principal the registry does not know.
    assert_eq!(causes("487-kubelet-acr-daemon-401-self-managed-cluster-describe")[0], "AL402");
    assert_eq!(causes("488-aks-events-acr-application-not-registered-then-401")[0], "AL201");

    // Artifact streaming's snapshotter, the CNI's local service, a full disk, the API server's 401
    // to the pod's own token: nothing found at all.
    for name in [
        "489-aks-acr-artifact-streaming-create-container-error-remote-tar",
        "495-aks-azure-vnet-cns-sandbox-localhost-refused-not-acr",
        "496-kubelet-pull-register-layer-no-space-left-not-acr",
        "498-python-controller-api-server-401-unauthorized-not-acr",
    ] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
}

#[test]
fn acr_s_own_features_of_the_thirty_fifth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // ACR Transfer's storage refusal, in the run's own words (two blanks between its sentences);
    // the entry names the SAS token, the identity and the storage firewall.
    assert_eq!(ids("502-az-acr-pipeline-run-create-storage-private-endpoint-403"), ["AL239"]);
    let e = crate::catalog::entry("AL239").unwrap();
    assert!(e.cause.contains("srt=sco") && e.cause.contains("Storage Blob Data Contributor") && e.cause.contains("firewall"), "{}", e.cause);
    // The customer-managed key: ACR's wording names the identity's key permissions; the entry
    // also names the vault's firewall, which was this poster's cause, and a disabled key.
    let r = scan("503-acr-cmk-deployment-failed-to-access-keyid-key-vault-firewall");
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL240"), 1));
    let e = crate::catalog::entry("AL240").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect();
    assert!(e.cause.contains("firewall") && e.cause.contains("disabled") && code.contains("--key-permissions get wrapKey unwrapKey") && code.contains("--bypass AzureServices"), "{code}");

    // Registry limits in ACR's ARM words: a SKU named as ACR names it internally
    // (`Managed_Basic`), content trust on an encrypted registry, public access on Basic.
    for name in [
        "504-psrule-acr-content-trust-blocked-for-encryption-enabled-registry",
        "505-az-acr-update-anonymous-pull-not-supported-for-sku-managed-basic",
        "506-arm-deployment-basic-registry-disabling-public-network-access-not-supported",
    ] {
        assert_eq!(ids(name), ["AL206"], "{name}");
    }
    let e = crate::catalog::entry("AL206").unwrap();
    assert!(e.cause.contains("anonymous pull needs Standard or Premium") && e.cause.contains("Notation"), "{}", e.cause);

    // A source trigger's webhook, refused to the Git token: AL219, whose fix names the token's
    // scopes and the way to create the task without the trigger.
    assert_eq!(ids("507-az-acr-task-create-source-trigger-webhook-providercall-not-found"), ["AL219"]);
    assert!(crate::catalog::entry("AL219").unwrap().fix.iter().any(|s| s.text.contains("admin:repo_hook") && s.text.contains("--commit-trigger-enabled false")));

    // A connected registry's 413, az's argument parser, and look-alikes from Service Bus (an IP
    // filter answering 401) and Azure OpenAI (a SKU not supported): nothing claimed.
    for name in [
        "501-connected-registry-k8s-activation-413-request-entity-too-large",
        "508-az-acr-export-pipeline-create-secret-uri-required",
        "509-servicebus-put-token-failed-401-ip-prevented-not-acr",
        "510-terraform-azure-openai-deployment-sku-not-supported-by-model-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.is_empty(), "{name}: {:?}", ids(name));
    }
    // Other products' SKU words do not reach AL206's new pattern.
    let log = "ERROR: (BadRequest) The feature is not supported for SKU Standard_B1s in this region.\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.id != "AL206"));
}

#[test]
fn acr_tasks_own_build_service_of_the_thirty_sixth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // ACR Tasks' dependency scan of the Dockerfile, before any build: a file the Windows agent
    // cannot open, a Git URL without `.git`, a quoted FROM, a FROM line it cannot read.
    for name in [
        "511-az-acr-build-windows-scan-dependencies-invalid-file-name",
        "513-acr-task-git-context-without-dot-git-dockerfile-not-found",
        "514-acr-task-from-quoted-image-scan-dependencies-invalid-reference-format",
        "515-az-acr-build-cloud-shell-scan-dependencies-unable-to-understand-from",
    ] {
        assert_eq!(ids(name), ["AL241"], "{name}");
    }
    let e = crate::catalog::entry("AL241").unwrap();
    let code: String = e.fix.iter().filter_map(|s| s.code).collect();
    assert!(e.cause.contains("Output from dependency scanning:") && e.cause.contains("`.git`") && code.contains(".git#main:<FOLDER>"), "{}", e.cause);
    // The scan's wrapper yields to a reason another entry names on the line above it.
    let r = scan("512-az-acr-build-scan-dependencies-from-uppercase-repository");
    assert_eq!(r.findings.iter().map(|f| f.id).collect::<Vec<_>>(), ["AL204", "AL241"]);
    assert!(crate::catalog::entry("AL204").unwrap().cause.contains("Dockerfile's FROM"));

    // The task's YAML: a Dockerfile read as a task file; a task whose secrets failed to resolve
    // (the same `failed to unmarshal task before running:` lead) keeps its own cause.
    assert_eq!(ids("516-az-acr-task-run-windows-dockerfile-task-yaml-could-not-find-expected"), ["AL242"]);
    assert!(ids("261-acr-task-user-assigned-identity-trusted-services-exchange-403").iter().all(|id| *id != "AL242"));

    // A step past its timeout; a step that failed on its own exit code is no timeout.
    assert_eq!(ids("517-acr-task-step-timeout-context-deadline-exceeded"), ["AL243"]);
    let code: String = crate::catalog::entry("AL243").unwrap().fix.iter().filter_map(|s| s.code).collect();
    assert!(code.contains("timeout: 3600") && code.contains("az acr task update -n <TASK> -r <REGISTRY> --timeout 7200"), "{code}");
    let log = "2024/06/03 10:40:02 Container failed during run: build. No retries remaining.\nfailed to run step ID: build: exit status 1\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.id != "AL243"));

    // Other build services in the same words (a buildspec's YAML, a Dockerfile missing from the
    // context, a step past the build's timeout), and docker's own wording of a missing Dockerfile:
    // nothing found.
    for name in [
        "518-codebuild-buildspec-yaml-file-error-not-acr",
        "519-cloud-build-docker-dockerfile-excluded-by-dockerignore-not-acr",
        "520-cloud-build-kaniko-step-context-deadline-exceeded-not-acr",
    ] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
    let log = "ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory\n";
    assert!(scan_log(log, NOW).findings.is_empty());
}

#[test]
fn aks_nodes_pulling_from_acr_of_the_thirty_seventh_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // CRI's `rpc error: code = Unknown desc =` before the daemon's 401 is a node's pull even when
    // kubelet's `Failed to pull image` lead was not quoted: the cluster's credentials, first.
    let r = scan("525-aks-windows-node-pool-msi-daemon-401-no-lead");
    assert_eq!((r.root_cause, r.findings[0].line), (Some("AL402"), 4));
    assert!(r.findings[0].matched.starts_with("rpc error: code = Unknown desc = Error response from daemon"), "{}", r.findings[0].matched);
    // A 401 in a shell (no CRI words) stays a login's.
    let log = "$ docker pull contosoacr.azurecr.io/api:1\nError response from daemon: Get https://contosoacr.azurecr.io/v2/api/manifests/1: unauthorized: authentication required\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL200"));
    for name in [
        "527-aks-upgrade-events-acr-daemon-401-then-pulled",
        "528-aks-kubelet-msi-first-acr-pull-401-recovers",
        "529-external-k8s-acr-admin-pull-secret-daemon-401",
        "532-portainer-k8s-acr-registry-daemon-401",
    ] {
        assert_eq!(causes(name)[0], "AL402", "{name}: {:?}", ids(name));
    }
    // The tag never pushed: ACR's 404 first, the retry's 401 after it.
    assert_eq!(causes("531-aks-events-acr-manifest-unknown-then-daemon-401")[0], "AL060");

    // Azure Storage's own refusal of a layer (its XML `AuthorizationFailure`, as the daemon quotes
    // it): the data path, not the registry's credentials; the entry names the service endpoint
    // policy. Storage's words elsewhere (no image pull around them) claim nothing.
    let r = scan("526-aks-service-endpoint-policy-acr-storage-403-authorizationfailure");
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL305"), 1));
    assert!(crate::catalog::entry("AL305").unwrap().cause.contains("service endpoint policy"));
    let log = "Error: checking for existing Container \"tfstate\": containers.Client#GetProperties: Failure responding to request: StatusCode=403 -- Original Error: autorest/azure: Service returned an error. Status=403 Code=\"AuthorizationFailure\" Message=\"This request is not authorized to perform this operation.\"\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.id != "AL305"));

    // An EOF from the login server itself, wrapped by k9s: the private link's DNS; an EOF from
    // storage stays the data path's.
    let r = scan("535-aks-second-cluster-shared-private-dns-record-manifest-head-eof");
    assert_eq!((r.root_cause, r.findings.len()), (Some("AL302"), 1));
    assert!(crate::catalog::entry("AL302").unwrap().cause.contains("another VNet"));
    assert_eq!(scan("68-kubelet-blob-storage-eof").root_cause, Some("AL305"));

    // A back-off with no reason: only the symptom.
    assert_eq!(ids("530-aks-windows-node-back-off-only-no-reason"), ["AL407"]);

    // Look-alikes: quay.io's refusal claims nothing; Docker Hub's image named without a host in
    // kubelet's event is Docker Hub's, so ACR's 401 is a symptom there.
    assert!(causes("533-kubelet-quay-manifest-not-authorized-not-acr").is_empty());
    let r = scan("534-kubelet-docker-hub-private-image-pull-access-denied-not-acr");
    assert_eq!(causes("534-kubelet-docker-hub-private-image-pull-access-denied-not-acr"), ["AL062"]);
    assert!(r.findings[0].evidence.iter().any(|e| e.starts_with(OTHER_REGISTRY_FIX_LEAD) && e.contains("docker.io")), "{:?}", r.findings[0].evidence);
    let f = r.findings.iter().find(|f| f.id == "AL200").expect("AL200 listed");
    assert!(f.strength == Strength::Symptom && f.evidence.iter().any(|e| e.contains("docker.io")), "{:?}", f.evidence);
    // Hosts, placeholders and masks in the reference are not Docker Hub's.
    for image in ["contosoacr.azurecr.io/api:1", "registry.contoso.com:5000/api:1", "localhost/api:1", "<redacted>", "${IMAGE}"] {
        let log = format!("  Warning  Failed  5s  kubelet  Failed to pull image \"{image}\": rpc error: code = Unknown desc = Error response from daemon: unauthorized: authentication required\n");
        let r = scan_log(&log, NOW);
        assert!(r.findings.iter().all(|f| !f.evidence.iter().any(|e| e.contains("docker.io"))), "{image}: {:?}", r.findings);
    }
    let log = "  Warning  Failed  5s  kubelet  Failed to pull image \"nginx:1.25\": rpc error: code = Unknown desc = Error response from daemon: unauthorized: authentication required\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.strength == Strength::Symptom));
}

#[test]
fn entra_codes_beyond_the_federation_of_the_thirty_ninth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // A sign-in frequency policy ends az's user login however recent its use: AL113, with the code.
    for name in ["553-az-acr-credential-show-70043-sign-in-frequency", "554-ada-tool-az-stderr-70043-interactive-authentication-needed"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings.len()), (Some("AL113"), 1), "{name}");
        assert_eq!(r.findings[0].params.aadsts_code.as_deref(), Some("70043"), "{name}");
    }
    let e = crate::catalog::entry("AL113").unwrap();
    assert!(e.title.contains("AADSTS70043") && e.cause.contains("sign-in frequency"), "{}", e.cause);

    // A user account Entra refuses to sign in (disabled, a disabled guest, an expired password),
    // wherever the sign-in came from; the fix names the tenant to sign in to.
    for name in [
        "555-az-get-access-token-50057-user-disabled-china-cloud",
        "556-az-login-50057-disabled-in-another-tenant",
        "557-add-azureaccount-script-70002-50055-password-expired",
        "565-storage-explorer-500571-guest-account-disabled-not-acr",
    ] {
        assert_eq!(ids(name), ["AL084"], "{name}");
    }
    assert_eq!(scan("556-az-login-50057-disabled-in-another-tenant").findings[0].params.tenant, None, "a masked tenant is no parameter");
    assert!(crate::catalog::entry("AL084").unwrap().fix.iter().any(|s| s.code == Some("az login --tenant <TENANT_ID>")));

    // Entra's transient server error: retry, not a credential; the same code from any client.
    for name in ["558-python-sdk-adal-503-90033-transient", "566-vscode-account-sign-in-90033-transient-not-acr"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings[0].category), (Some("AL085"), "network-unreachable"), "{name}");
    }
    let log = "2024-06-03T09:14:24.8765432Z ERROR: AADSTS90033: A transient error has occurred. Please try again.\n2024-06-03T09:14:25.0012345Z ##[error]Login failed with Error: The process '/usr/bin/az' failed with exit code 1. Double check if the 'auth-type' is correct.\n";
    let r = scan_log(log, NOW);
    assert_eq!((r.root_cause, r.findings[1].strength), (Some("AL085"), Strength::Symptom), "azure/login's summary follows");

    // A tenant Entra no longer serves, decommissioned or blocked: not AL023's unknown tenant.
    for (name, code) in [("559-az-login-5000224-resource-not-available", "5000224"), ("560-az-login-tenant-5000225-blocked-inactivity", "5000225")] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings.len(), r.findings[0].params.aadsts_code.as_deref()), (Some("AL131"), 1, Some(code)), "{name}");
    }

    // az's broker bug in one cloud and web apps' own sign-in settings: no finding at all.
    for name in [
        "561-az-login-wam-21vianet-50011-broker-redirect-uri",
        "562-graph-explorer-50105-user-not-assigned-not-acr",
        "563-static-web-app-spa-50011-redirect-uri-not-acr",
        "564-msgraph-obo-500133-user-assertion-expired-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.is_empty(), "{name}: {:?}", ids(name));
    }
    // An on-behalf-of user assertion past its time is not a federated client assertion (AL002).
    let log = "AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-06-03T09:14:24Z, assertion valid from 2024-06-03T09:00:00Z, expiry time of assertion 2024-06-03T09:05:00Z.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL002"));
}

#[test]
fn container_clients_beyond_docker_engine_of_the_thirty_eighth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let causes = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // A resolver that could not be reached (`dial udp`, Rancher Desktop's VM): the registry's name
    // did not resolve, named with its host; the entry says where that resolver lives.
    let r = scan("539-rancher-desktop-az-acr-login-vm-dns-ipv6-loopback");
    assert_eq!((r.root_cause, r.findings[0].params.host.as_deref()), (Some("AL041"), Some("mycontainerregistry.azurecr.io")));
    assert!(crate::catalog::entry("AL041").unwrap().cause.contains("`dial udp`"));
    let log = "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": dial tcp: lookup contosoacr.azurecr.io on 192.168.5.3:53: dial udp 192.168.5.3:53: connect: network is unreachable\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL041"));

    // containerd's token request without a scope (as 47) and img's, which ACR answered 400 then:
    // client and service bugs since fixed, nothing found.
    for name in ["540-rancher-desktop-nerdctl-login-acr-oauth-token-400", "541-img-login-acr-admin-user-snapshot-oauth-token-400"] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }

    // Windows' credential manager, from WSL's engine and behind VS Code's Docker extension: the
    // store, not the registry.
    assert_eq!(ids("542-az-acr-login-wsl2-engine-wincred-logon-session-does-not-exist"), ["AL411"]);
    let r = scan("543-vscode-docker-cli-login-acr-token-wincred-credsstore");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].line), (Some("AL411"), 1, 3));
    assert!(crate::catalog::entry("AL411").unwrap().cause.contains("VS Code"));

    // podman's, skopeo's and buildah's own auth file: unreadable by this user (a runner without
    // XDG_RUNTIME_DIR), whatever the registry; the fix names REGISTRY_AUTH_FILE and --authfile.
    assert_eq!(ids("545-skopeo-gha-run-containers-auth-json-permission-denied-not-acr"), ["AL436"]);
    let e = crate::catalog::entry("AL436").unwrap();
    let fix: String = e.fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect();
    assert!(fix.contains("REGISTRY_AUTH_FILE") && fix.contains("--authfile"), "{fix}");
    let log = "Error: reading JSON file \"/run/user/1000/containers/auth.json\": open /run/user/1000/containers/auth.json: permission denied\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL436"));
    let log = "WARNING: Error loading config file: /home/runner/.docker/config.json: open /home/runner/.docker/config.json: permission denied\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.id != "AL436"), "Docker's own config is not the containers auth file");

    // Look-alikes: no ACR cause. Docker Hub's refusal of stale podman credentials keeps AL032's
    // words as a symptom naming docker.io; ECR's missing helper is the helper's (AL412), and
    // AL411 under it says its `az acr` fix is not ECR's.
    let r = scan("544-podman-docker-hub-stale-auth-file-invalid-username-password-not-acr");
    assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom), "{:?}", ids("544-podman-docker-hub-stale-auth-file-invalid-username-password-not-acr"));
    assert!(r.findings[0].evidence.iter().any(|e| e.contains("docker.io")), "{:?}", r.findings[0].evidence);
    let name = "546-buildah-login-ecr-credential-helper-not-in-path-not-acr";
    assert_eq!(causes(name), ["AL412", "AL411"]);
    let r = scan(name);
    assert!(r.findings[1].evidence.iter().any(|e| e.starts_with(OTHER_REGISTRY_FIX_LEAD) && e.contains(".amazonaws.com")));
}

#[test]
fn buildx_and_buildkit_with_acr_of_the_forty_first_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // BuildKit's anonymous token request refused: the builder had no credentials for the registry
    // (Acorn's builds read Docker's, buildctl's registry cache, a FROM image in the team's ACR).
    // The client that starts the build must hold the login, not a kubelet or a pull secret.
    assert_eq!(ids("579-acorn-buildkit-acr-base-image-anonymous-token-401"), ["AL211"]);
    for name in ["580-buildctl-rootless-acr-registry-cache-anonymous-token-401", "583-buildx-acr-from-image-anonymous-token-get-401-transient"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings.len()), (Some("AL211"), 1), "{name}");
        assert!(r.findings[0].evidence.iter().any(|e| e == rules::BUILDKIT_EVIDENCE), "{name}: {:?}", r.findings[0].evidence);
    }
    let r = scan("583-buildx-acr-from-image-anonymous-token-get-401-transient");
    assert_eq!(r.findings[0].params.registry.as_deref(), Some("contosoacr.azurecr.io"));
    // A kubelet's pull keeps its entry, and helm's `Error: failed to authorize` is no BuildKit step.
    let log = "Failed to pull image \"contosoacr.azurecr.io/app:1\": rpc error: code = Unknown desc = failed to pull and unpack image \"contosoacr.azurecr.io/app:1\": failed to resolve reference \"contosoacr.azurecr.io/app:1\": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL405"));
    let log = "Error: failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.evidence.iter().all(|e| e != rules::BUILDKIT_EVIDENCE)));

    // compose's push refused right after `az acr login`: ACR's 401, no more (the registry is the
    // poster's `myacr`, a docs example name: no registry filled in).
    let r = scan("581-devops-azurecli-compose-build-push-acr-unauthorized");
    assert_eq!((r.root_cause, r.findings[0].line, r.findings[0].params.http_status), (Some("AL200"), 13, Some(401)));

    // No login cause: buildx's `docker` driver and its cache export; MCR's sporadic 403s; GHCR's
    // refused pushes; the Actions cache's own 401.
    for name in [
        "582-acr-task-buildx-cache-export-docker-driver",
        "584-buildx-mcr-head-request-403-sporadic-not-acr",
        "585-buildx-ghcr-push-403-package-settings-not-acr",
        "586-buildx-ghcr-push-403-github-token-permissions-not-acr",
        "587-buildx-gha-cache-authorization-status-401-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom), "{name}: {:?}", ids(name));
    }
}

#[test]
fn managed_identity_from_runners_and_machines_of_the_fortieth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // The identity endpoint unreachable (a container on an Arc machine, a proxy's 502), or naming
    // no identity of this resource (Container Apps' endpoint, an Azure VM's IMDS): AL610 first.
    for name in [
        "567-azure-login-identity-aca-runner-no-user-assigned-identity-found",
        "570-az-login-identity-docker-on-arc-vm-imds-connection-refused",
        "572-python-identity-windows-agent-imds-identity-not-found",
        "573-dotnet-managed-identity-imds-through-proxy-502",
    ] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings[0].id), (Some("AL610"), "AL610"), "{name}: {:?}", ids(name));
    }
    let e = crate::catalog::entry("AL610").unwrap();
    assert!(e.cause.contains("Arc") && e.cause.contains("proxy"), "{}", e.cause);
    assert!(e.fix.iter().any(|s| s.text.contains("NO_PROXY=169.254.169.254")));
    // azure/login's own "Please run: az login" after the refusal claims nothing.
    assert_eq!(ids("567-azure-login-identity-aca-runner-no-user-assigned-identity-found"), ["AL610"]);

    // A debug-only paste: IMDS's timeout leads, and 169.254.169.254:80 is no registry's network.
    let r = scan("571-devops-msi-service-connection-agent-imds-etimedout");
    assert_eq!((r.findings[0].id, r.findings[0].strength), ("AL610", Strength::Consequence));
    assert!(r.findings.iter().all(|f| f.id != "AL044" || f.strength == Strength::Symptom), "{:?}", ids("571-devops-msi-service-connection-agent-imds-etimedout"));

    // az 2.73 refuses `--username` with `--identity`: the fix names `--client-id`.
    assert_eq!(ids("568-aca-runner-az-login-identity-username-no-longer-supported"), ["AL616"]);
    assert!(crate::catalog::entry("AL616").unwrap().fix.iter().any(|s| s.code == Some("az login --identity --client-id <CLIENT_ID>")));
    // `-u` with nothing after it: an empty variable (AL003), once for its two lines.
    let r = scan("569-avm-e2e-self-hosted-az-login-username-expected-one-argument");
    assert_eq!((r.findings.len(), r.findings[0].id, r.findings[0].occurrences), (1, "AL003", 2));

    // Look-alikes: az's own 405 on Container Apps, an HTML page on an Arc machine, AWS's instance
    // metadata at the same address: no cause, and never AL610's or a registry's.
    for name in [
        "574-az-login-identity-container-apps-405-not-missing-identity",
        "575-az-login-identity-arc-unrecognizable-www-authenticate",
        "576-ecs-local-endpoints-ec2-role-imds-no-route-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom), "{name}: {:?}", ids(name));
    }
    assert!(ids("576-ecs-local-endpoints-ec2-role-imds-no-route-not-acr").is_empty());
    // 169.254.169.254 is every cloud's metadata address: only Azure's path or the Azure Pipelines
    // task library's retry message tie a timeout there to a managed identity.
    for log in [
        "Error: connect ETIMEDOUT 169.254.169.254:80\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n",
        "botocore.exceptions.ConnectTimeoutError: HTTPConnectionPool(host='169.254.169.254', port=80): Max retries exceeded with url: /latest/api/token\n",
    ] {
        assert!(scan_log(log, NOW).findings.iter().all(|f| f.id != "AL610"), "{log}");
    }
    // The network variant of az's message keeps AL610 as the root.
    assert_eq!(scan("65-az-login-identity-msi-unreachable").root_cause, Some("AL610"));
}

#[test]
fn scope_map_tokens_and_cache_rules_of_the_forty_second_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // A cache rule's upstream refused ACR's pull: a source path Docker Hub does not have (the rule
    // maps `pulumi/…` under `library/`), or a Docker Hub rule created without a credential set.
    // docker's own `pull access denied … may require 'docker login'` is no missing login there.
    let r = scan("588-acr-cache-rule-library-source-path-pull-denied");
    assert_eq!((r.root_cause, ids("588-acr-cache-rule-library-source-path-pull-denied")), (Some("AL215"), vec!["AL215", "AL062"]));
    assert_eq!((r.findings[1].strength, r.findings[0].params.registry.as_deref()), (Strength::Symptom, Some("contosoacr.azurecr.io")));
    assert!(r.findings[1].evidence.iter().any(|e| e == rules::UPSTREAM_REFUSAL_EVIDENCE));
    assert_eq!(ids("592-terraform-acr-cache-rule-docker-hub-without-credential-set"), ["AL215"]);
    let e = crate::catalog::entry("AL215").unwrap();
    assert!(e.cause.contains("EnforceDockerAuthentication") && e.cause.contains("library/pulumi/app"), "{}", e.cause);
    assert!(e.fix.iter().any(|s| s.text.contains("az acr cache create -r <REGISTRY> -n <CACHE_RULE> -s docker.io/library/<REPO> -t <REPO> -c dockerhub")));
    // ACR's 401 naming `metadata_read` (a tag listing) is the token's scope, or the client's token
    // request, not a missing login: in the JSON's detail lines and in Go's one-line map.
    for name in ["589-acr-token-tags-list-metadata-read-unauthorized-json", "590-renovate-acr-token-tags-list-metadata-read-unauthorized"] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings.len()), (Some("AL063"), 1), "{name}");
        assert!(r.findings[0].evidence.iter().any(|e| e == rules::METADATA_READ_EVIDENCE), "{name}");
    }
    assert_eq!(scan("590-renovate-acr-token-tags-list-metadata-read-unauthorized").findings[0].params.registry.as_deref(), Some("contosoacr.azurecr.io"));
    let log = "GET https://contosoacr.azurecr.io/v2/app/tags/list: UNAUTHORIZED: authentication required, visit https://aka.ms/acr/authorization for more information.; [map[Action:metadata_read Name:app Type:repository]]\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL063"));
    // Without the action named, ACR's 401 stays AL200: the credential sets' failure, the kubelet's.
    assert_eq!(ids("591-acr-cache-rule-dhi-credential-sets-unhealthy-authentication-required"), ["AL200"]);
    assert_eq!(ids("593-aks-pull-through-acr-docker-hub-cache-rule-oauth-401-not-found"), ["AL402"]);
    assert_eq!(ids("594-aks-automatic-acr-anonymous-token-401"), ["AL405"]);

    // Other registries' pull-through caches: ECR's upstream refusal (docker's same wrapper), ACK's
    // rule without a Secrets Manager credential, Harbor's proxy cache: no cause, never ACR's.
    for name in [
        "595-ecr-pull-through-cache-upstream-authentication-failed-not-acr",
        "596-ack-ecr-pull-through-cache-rule-upstream-requires-authentication-not-acr",
        "597-harbor-proxy-cache-library-slash-repository-not-found-not-acr",
    ] {
        let r = scan(name);
        assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom), "{name}: {:?}", ids(name));
        assert!(r.findings.iter().all(|f| f.id != "AL215"), "{name}");
    }
    // A pull refused for no upstream reason keeps AL062.
    let log = "Error response from daemon: pull access denied for contosoacr.azurecr.io/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL062"));
}

#[test]
fn azure_powershell_around_acr_of_the_forty_third_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // The Az modules themselves: no Az.Accounts for azure/login's enable-AzPSSession, one too old
    // for -FederatedToken, one that cannot load its assemblies, a newer one needed after a task
    // imported its own. AL619 leads; azure/login's wrapper stays a symptom under it.
    for name in [
        "603-azurepowershell5-connect-azaccount-federatedtoken-parameter-not-found",
        "606-azure-login-azpssession-az-accounts-5-3-0-msal-extensions-not-loaded",
        "607-azure-login-azpssession-no-az-accounts-name-null",
        "608-azurepowershell-task-earlier-az-accounts-imported",
    ] {
        let r = scan(name);
        assert_eq!((r.root_cause, r.findings[0].id), (Some("AL619"), "AL619"), "{name}: {:?}", ids(name));
        assert!(r.findings.iter().skip(1).all(|f| f.strength == Strength::Symptom), "{name}: {:?}", ids(name));
    }
    assert_eq!(ids("607-azure-login-azpssession-no-az-accounts-name-null"), ["AL619", "AL601"]);
    let e = crate::catalog::entry("AL619").unwrap();
    let fix: String = e.fix.iter().flat_map(|s| [s.text, s.code.unwrap_or("")]).collect();
    assert!(fix.contains("Install-Module Az.Accounts") && fix.contains("azurePowerShellVersion: LatestVersion"), "{fix}");
    // Only azure/login's own wording ties a null 'Name' to the login; any script may print it.
    let log = "Get-Module: Cannot bind argument to parameter 'Name' because it is null.\n";
    assert!(scan_log(log, NOW).findings.is_empty());

    // A national cloud's tenant asked at the global authority by Az.Accounts' federated sign-in:
    // AL023 with its tenant, and a fix for Azure PowerShell, not only az's `cloud set`.
    let r = scan("604-azurepowershell5-federated-token-china-cloud-90002");
    assert_eq!((r.root_cause, r.findings[0].params.tenant.as_deref()), (Some("AL023"), Some("6d1f0c2a-9b47-4e3c-8a15-2f7e9d4b0c31")));
    let e = crate::catalog::entry("AL023").unwrap();
    assert!(e.cause.contains("-FederatedToken") && e.fix.iter().any(|s| s.text.contains("update Az.Accounts")));

    // Connect-AzContainerRegistry's docker login, or the pull after it, refused: ACR's 401, no
    // more (the thread found no cause; `s.azurecr.io` is the poster's shortening, no registry).
    let r = scan("600-azurepowershell-connect-azcontainerregistry-windows-agent-401");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].params.registry.as_deref()), (Some("AL200"), 1, Some("crcontosohybrid.azurecr.io")));
    let r = scan("605-connect-azcontainerregistry-system-user-empty-token-pull-401");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].params.registry.as_deref()), (Some("AL200"), 1, None));
    // bicep publishing to ACR with no sign-in in its step.
    assert_eq!(ids("610-bicep-publish-acr-devops-please-run-connect-azaccount"), ["AL603"]);

    // Look-alikes: a cmdlet's own bug (a key missing from the saved context's environment, a
    // request without TargetTags), Docker Hub's wording after a PowerShell pipe with no registry
    // named, a .NET method missing in a task's session: nothing found, no ACR cause.
    for name in [
        "601-connect-azcontainerregistry-endpoint-resource-id-not-in-dictionary",
        "602-powershell-pipe-admin-password-docker-login-stdin-incorrect",
        "609-import-azcontainerregistryimage-missing-targettags-not-login",
        "611-azurepowershell5-wif-self-hosted-newtonsoft-method-not-found",
    ] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }
}

#[test]
fn data_endpoints_storage_and_layer_transfers_of_the_forty_fourth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // A layer download from the team's ACR reset mid-read: the connection, no more (the poster's
    // `my-registry` is a placeholder, its dash no ACR name's: no registry filled in).
    let r = scan("612-kaniko-acr-base-image-layer-read-connection-reset");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].line, r.findings[0].params.registry.as_deref()), (Some("AL044"), 1, 10, None));
    // The login server allowed, the layers' storage not (an AKS extension's image in Microsoft's own
    // registry): AL305, with no `az acr` command aimed at a registry that is not the team's.
    let r = scan("616-aks-addon-acr-layer-storage-blob-firewall-cut");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].params.registry.as_deref()), (Some("AL305"), 1, None));

    // The .NET SDK's container publish gave up on a layer upload after HttpClient's 100 s: AL304,
    // whose fix says to update the SDK; azd's wording of the same timeout too.
    let r = scan("615-dotnet-sdk-container-push-acr-task-canceled-timeout");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].line), (Some("AL304"), 1, 1));
    let e = crate::catalog::entry("AL304").unwrap();
    assert!(e.cause.contains("Failed to push to the output registry") && e.fix.iter().any(|s| s.text.contains(".NET SDK")), "{}", e.cause);
    let log = "error CONTAINER1013: Failed to push to the output registry: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL304"));
    // azd's push timing out in the TLS handshake: AL303; its `docker login` hint claims nothing.
    assert_eq!(ids("622-azd-up-push-acr-tls-handshake-timeout-docker-login-hint"), ["AL303"]);

    // A dedicated data endpoint that did not answer (Docker's own wording, without containerd's
    // `httpReadSeeker`) is the layer download's, with the registry it belongs to; the login server's
    // own timeout and storage with no ACR in view keep the connection entry.
    let log = "error pulling image configuration: Get https://contosoacr.westeurope.data.azurecr.io/docker/registry/v2/blobs/sha256/ab/abc/data?se=x: dial tcp 20.50.1.2:443: i/o timeout\n";
    let r = scan_log(log, NOW);
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].params.registry.as_deref()), (Some("AL305"), 1, Some("contosoacr.azurecr.io")));
    for log in [
        "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/app/manifests/1\": dial tcp 20.1.2.3:443: i/o timeout\n",
        "error pulling image configuration: Get https://weumanaged15.blob.core.windows.net/abc//docker/registry/v2/blobs/sha256/c3/c3/data?se=x: dial tcp 52.239.1.1:443: i/o timeout\n",
    ] {
        assert_eq!(scan_log(log, NOW).root_cause, Some("AL044"), "{log}");
    }

    // A push or pull cut short with a bare EOF (one transient, one a service-side timeout of
    // encrypted registries): nothing said, as the logs say nothing of why.
    for name in ["613-docker-push-acr-layer-retrying-then-eof", "614-oras-pull-cmk-acr-large-blob-unexpected-eof", "621-docker-push-acr-eof-transient-resolved"] {
        assert!(ids(name).is_empty(), "{name}: {:?}", ids(name));
    }

    // Look-alikes: MCR's network (its data endpoint, its CDN, its storage behind Docker Desktop's
    // resolver, an ACR Task's FROM line) keeps the network entries and never ACR's layer download;
    // Harbor's registry pods ("replicas") losing a blob are no ACR geo-replica.
    assert_eq!(ids("617-acr-task-from-mcr-client-timeout-not-acr"), ["AL304"]);
    for name in ["618-kaniko-mcr-data-endpoint-connection-refused-not-acr", "619-docker-pull-mcr-cdn-config-connection-reset-not-acr"] {
        assert_eq!(ids(name), ["AL044"], "{name}");
    }
    assert_eq!(scan("618-kaniko-mcr-data-endpoint-connection-refused-not-acr").findings[0].params.ip.as_deref(), Some("204.79.197.219"));
    let r = scan("623-docker-desktop-mcr-storage-lookup-resolver-timeout-not-acr");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].params.host.as_deref()), (Some("AL041"), 1, Some("mcreus0.blob.core.windows.net")));
    assert!(ids("620-harbor-registry-replicas-blob-unknown-not-acr").is_empty());
}

#[test]
fn kubernetes_pull_secrets_outside_aks_of_the_forty_sixth_pass() {
    let ids = |name: &str| scan(name).findings.iter().map(|f| f.id).collect::<Vec<_>>();
    // minikube's kubelet event wrapped with the daemon's words opening the 401's own line: still
    // the cluster's credentials (AL402), and no registry filled from the poster's `<domain>`.
    let r = scan("636-minikube-registry-creds-acr-admin-daemon-401-placeholder");
    assert_eq!((r.root_cause, r.findings.len(), r.findings[0].line, r.findings[0].params.registry.as_deref()), (Some("AL402"), 1, 3, None));
    assert!(r.findings[0].evidence.iter().any(|e| e == rules::WRAPPED_KUBELET_EVIDENCE));
    // Pull secrets the kubelet used, or none it had, on an ACR: the entries as before, with the
    // registry named (a dashboard's two attempts in brackets, external-secrets' generated secret).
    let r = scan("639-k8s-dashboard-acr-daemon-401-twice-bracketed");
    assert_eq!((r.root_cause, r.findings[0].params.registry.as_deref()), (Some("AL402"), Some("ugsampleacr.azurecr.io")));
    let r = scan("638-external-secrets-acraccesstoken-pull-secret-anonymous-token-401");
    assert_eq!((ids("638-external-secrets-acraccesstoken-pull-secret-anonymous-token-401"), r.findings[0].params.registry.as_deref()), (vec!["AL405", "AL407"], Some("testkubeleteidentityacr.azurecr.io")));

    // The pod sandbox (pause) image refused: the runtime's own pull, as its configuration names
    // it (AL437, new); kubelet's anonymous-pull entry, whose fix attaches the registry and adds a
    // pull secret, is a symptom there, and AL437's fix has no `az` command for a registry that
    // may not be the team's.
    let r = scan("637-aks-edge-sandbox-pause-image-acr-anonymous-token-401");
    assert_eq!(r.findings.iter().map(|f| (f.id, f.strength)).collect::<Vec<_>>(), [("AL437", Strength::RootCause), ("AL405", Strength::Symptom)]);
    assert!(r.findings[1].evidence.iter().any(|e| e == rules::SANDBOX_IMAGE_EVIDENCE));
    assert!(crate::catalog::entry("AL437").unwrap().fix.iter().all(|s| !s.code.is_some_and(|c| c.contains("az "))));
    // Only a refusal: a sandbox image that could not be reached keeps the network's entry.
    let log = "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image \"contosoacr.azurecr.io/pause:3.9\": failed to pull image \"contosoacr.azurecr.io/pause:3.9\": dial tcp 20.1.2.3:443: i/o timeout\n";
    assert_ne!(scan_log(log, NOW).root_cause, Some("AL437"));

    // Tools reading a cluster's registry credentials themselves (Kubewarden's kwctl, akv2k8s's
    // env-injector): ACR's generic 401, no kubelet cause; a masked `xxx` is no registry.
    let r = scan("640-kwctl-pull-acr-policy-authentication-failure-json");
    assert_eq!((ids("640-kwctl-pull-acr-policy-authentication-failure-json"), r.findings[0].params.registry.as_deref()), (vec!["AL200"], None));
    assert_eq!(ids("641-akv2k8s-env-injector-acr-v2-non-successful-401-escaped"), ["AL200"]);

    // Look-alikes: Docker Hub behind OpenShift's linked dockercfg secret, and MCR's pull with no
    // reason, claim no cause; a Nexus registry without credentials keeps the generic AL211 (true
    // of any registry, no `az` in its fix).
    let r = scan("642-openshift-docker-hub-private-dockercfg-secret-linked-401-not-acr");
    assert!(r.root_cause.is_none() && r.findings.iter().all(|f| f.strength == Strength::Symptom), "{:?}", ids("642-openshift-docker-hub-private-dockercfg-secret-linked-401-not-acr"));
    assert_eq!((scan("644-aks-mcr-metrics-adapter-errimagepull-no-reason-not-acr").root_cause, ids("644-aks-mcr-metrics-adapter-errimagepull-no-reason-not-acr")), (None, vec!["AL407"]));
    assert_eq!(ids("643-minikube-nexus-http-registry-no-basic-auth-credentials-not-acr"), ["AL211", "AL407"]);
}

#[test]
fn github_oidc_subjects_and_token_requests_of_the_forty_fifth_pass() {
    let ids = |name: &str| scan(name).findings.iter().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id).collect::<Vec<_>>();
    // AADSTS70021's old wording, a pull request's subject (the credential said `pull-request`), and
    // azd's JSON-escaped copy whose `\r\nTrace` GitHub turned into a link: the subject and issuer
    // as Entra printed them, trailing slash kept.
    let r = scan("624-azure-login-70021-pull-request-subject-portal-hyphen");
    assert_eq!((ids("624-azure-login-70021-pull-request-subject-portal-hyphen"), r.findings[0].params.subject.as_deref()), (vec!["AL010"], Some("repo:contoso/github-azure-oidc:pull_request")));
    let p = &scan("626-azd-pipeline-70021-branch-subject-escaped-trace").findings[0].params;
    assert_eq!((p.subject.as_deref(), p.issuer.as_deref()), (Some("repo:contoso/sample-app-aoai-chatGPT:ref:refs/heads/cicd"), Some("https://token.actions.githubusercontent.com/")));
    // A branch token where the credential is an environment's: AL013, with the token's subject.
    let r = scan("628-azure-login-700213-branch-token-environment-credential");
    assert_eq!((r.findings[0].id, r.findings[0].params.subject.as_deref()), ("AL013", Some("repo:contoso/github-action-testfunctionapp-java:ref:refs/heads/master")));
    // AADSTS7002138 cut mid-sentence after `case-insensitive`: the case-only entry keeps the subject.
    let r = scan("625-azure-login-v2-7002138-job-workflow-ref-owner-case");
    assert_eq!((r.findings[0].id, r.findings[0].params.subject.as_deref()), ("AL017", Some("repo:contosoAI/bench-data:ref:refs/heads/main")));

    // The token request failed with toolkit's undefined `message`, `id-token: write` granted:
    // AL006 (likely), never AL001 for azure/login's "make sure to give write permissions".
    for name in ["627-azure-login-v2-self-hosted-id-token-request-undefined-message", "137-azure-login-ghes-oidc-getcall-undefined"] {
        assert_eq!(ids(name), ["AL006"], "{name}");
    }

    // Look-alikes with no Azure: a missing token URL is AL001 and nothing else (no failed request
    // claimed for an action's `Failed to get ID token:` wrapper), and no registry cause.
    for name in ["629-claude-code-action-oidc-utils-no-id-token-url-not-acr", "630-nuget-publish-failed-to-get-id-token-no-url-not-acr"] {
        assert_eq!(ids(name), ["AL001"], "{name}");
    }
    // Entra refusing its own managed identity's assertion (AADSTS7002137, an Azure Bot): no
    // GitHub subject mismatch, no credential name made up from it.
    let r = scan("631-azure-bot-sso-7002137-entra-subject-not-github");
    assert!(r.root_cause.is_none() && ids("631-azure-bot-sso-7002137-entra-subject-not-github").is_empty());
    assert!(r.findings.iter().all(|f| f.params.credential_name.is_none()));
}
